package io.segmenta.assigner.dedup;

/**
 * 64-bit hash of an event id, kept per customer for de-duplication instead of the id itself (ids are
 * unbounded strings; 8 bytes keep the state small). FNV-1a over the UTF-16 chars, then the SplitMix64 finaliser
 * to spread FNV's weak low bits. Fixed by this code, not by the JVM: stored hashes stay valid across upgrades.
 * With 64 remembered ids per customer a false "duplicate" has a probability of about 64 / 2^64.
 */
public final class EventIdHash {

    private EventIdHash() {
    }

    public static long of(String eventId) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < eventId.length(); i++) {
            h ^= eventId.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }
}
