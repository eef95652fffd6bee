package io.segmenta.assigner.dedup;

import io.segmenta.assigner.codec.ByteReader;
import io.segmenta.assigner.codec.ByteWriter;

/**
 * The binary forms of a {@link RecentEvents} ring inside a customer's state (the assigner's store entry, the
 * trainer's keyed state), oldest first, big-endian; the enclosing state's format version says which one it holds:
 * <ul>
 *   <li>fixed, format 1 of the states, read only ({@link #read}): {@code short m, then m x (long event-id hash, long
 *       event millis)};</li>
 *   <li>compact ({@link #writeCompact}, {@link #readCompact}): {@code varlong m, then m x (long event-id hash,
 *       varlong event millis minus the previous entry's, the first entry's minus 0)}: a customer's recent events are
 *       close in time, so a time costs a few bytes instead of eight.</li>
 * </ul>
 * Stateless.
 */
public final class RecentEventsCodec {

    private RecentEventsCodec() {
    }

    /**
     * Reads a ring into one of {@code capacity}; a longer stored ring keeps its newest entries.
     *
     * @throws RecentEventsFormatException on a negative count
     * @throws java.nio.BufferUnderflowException when the bytes end early
     */
    public static RecentEvents read(ByteReader in, int capacity) {
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

    public static void writeCompact(RecentEvents recent, ByteWriter out) {
        out.putVarLong(recent.size());
        long previous = 0;
        for (int i = 0; i < recent.size(); i++) {
            out.putLong(recent.hashAt(i)).putVarLong(recent.timeAt(i) - previous);
            previous = recent.timeAt(i);
        }
    }

    /**
     * Reads a compact ring into one of {@code capacity}; a longer stored ring keeps its newest entries.
     *
     * @throws RecentEventsFormatException on a negative or impossible count
     * @throws java.nio.BufferUnderflowException when the bytes end early
     */
    public static RecentEvents readCompact(ByteReader in, int capacity) {
        long stored = in.getVarLong();
        if (stored < 0 || stored > in.remaining() / 9) { // an entry takes at least 9 bytes
            throw new RecentEventsFormatException("corrupt recent events: " + stored + " entries in "
                    + in.remaining() + " bytes");
        }
        RecentEvents recent = new RecentEvents(capacity, (int) stored + 1); // room for the event about to be added
        long time = 0;
        for (int i = 0; i < stored; i++) {
            long hash = in.getLong();
            time += in.getVarLong();
            recent.add(hash, time);
        }
        return recent;
    }
}
