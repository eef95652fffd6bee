package io.segmenta.assigner.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * UTF-8 for the strings a customer state repeats across millions of entries (channel, country, gender, segment
 * label, model name): a few distinct values, decoded and encoded on every event. Recently seen values are cached in
 * a small table, so a decode returns the cached {@code String} instead of building one and an encode reuses its
 * bytes; a miss simply replaces the slot. Thread-safe without locks: slots hold immutable entries, and a lost race
 * costs only a miss.
 */
public final class SmallStrings {

    /** Longer strings (chars to encode, bytes to decode) are not cached: unlikely to repeat, they would pin memory. */
    static final int MAX_CACHED_LENGTH = 64;
    private static final int SLOTS = 256; // a power of two

    private record Entry(String string, byte[] utf8, int hash) {
    }

    private static final Entry[] BY_BYTES = new Entry[SLOTS];
    private static final Entry[] BY_STRING = new Entry[SLOTS];

    private SmallStrings() {
    }

    /** The UTF-8 bytes of {@code s}; callers must not modify them. */
    public static byte[] utf8(String s) {
        if (s.length() > MAX_CACHED_LENGTH) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        int slot = s.hashCode() & (SLOTS - 1);
        Entry e = BY_STRING[slot];
        if (e != null && (e.string == s || e.string.equals(s))) {
            return e.utf8;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        BY_STRING[slot] = new Entry(s, utf8, 0);
        return utf8;
    }

    /** The string of UTF-8 {@code bytes[from, from + length)}. */
    public static String decode(byte[] bytes, int from, int length) {
        if (length > MAX_CACHED_LENGTH) {
            return new String(bytes, from, length, StandardCharsets.UTF_8);
        }
        int hash = 1;
        for (int i = from; i < from + length; i++) {
            hash = 31 * hash + bytes[i];
        }
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        Entry e = BY_BYTES[slot];
        if (e != null && e.hash == hash && Arrays.equals(e.utf8, 0, e.utf8.length, bytes, from, from + length)) {
            return e.string;
        }
        String s = new String(bytes, from, length, StandardCharsets.UTF_8);
        BY_BYTES[slot] = new Entry(s, Arrays.copyOfRange(bytes, from, from + length), hash);
        return s;
    }
}
