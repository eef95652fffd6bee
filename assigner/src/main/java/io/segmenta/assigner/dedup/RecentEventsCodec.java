package io.segmenta.assigner.dedup;

import java.nio.ByteBuffer;

/**
 * The binary form of a {@link RecentEvents} ring inside a customer's state (the assigner's store entry, the
 * trainer's keyed state): {@code short m, then m x (long event-id hash, long event millis)}, oldest first,
 * big-endian. The enclosing state's format version covers it. Stateless.
 */
public final class RecentEventsCodec {

    private RecentEventsCodec() {
    }

    public static int encodedSize(RecentEvents recent) {
        return 2 + 16 * recent.size();
    }

    public static void write(RecentEvents recent, ByteBuffer out) {
        out.putShort((short) recent.size());
        for (int i = 0; i < recent.size(); i++) {
            out.putLong(recent.hashAt(i)).putLong(recent.timeAt(i));
        }
    }

    /**
     * Reads a ring into one of {@code capacity}; a longer stored ring keeps its newest entries.
     *
     * @throws RecentEventsFormatException on a negative count
     * @throws java.nio.BufferUnderflowException when the bytes end early
     */
    public static RecentEvents read(ByteBuffer in, int capacity) {
        int stored = in.getShort();
        if (stored < 0) {
            throw new RecentEventsFormatException("corrupt recent events: " + stored + " entries");
        }
        RecentEvents recent = new RecentEvents(capacity, stored + 1); // room for the event about to be added
        for (int i = 0; i < stored; i++) {
            recent.add(in.getLong(), in.getLong());
        }
        return recent;
    }
}
