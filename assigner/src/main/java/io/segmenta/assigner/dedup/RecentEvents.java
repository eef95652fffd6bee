package io.segmenta.assigner.dedup;

import java.util.Arrays;

/**
 * The event-id hashes of a customer's recent events with their event times, oldest first, for de-duplication.
 * Bounded twice: at most {@link #capacity()} entries (the oldest falls out), and entries older than a window
 * before the customer's latest event time are forgotten ({@link #forgetBefore}). Event time, not wall time,
 * so that a replay forgets exactly what the first run forgot. Mutable; one instance per customer state.
 */
public final class RecentEvents {

    /** Room for this many entries is allocated at first; it doubles up to the capacity as the ring fills. */
    static final int INITIAL_ROOM = 4;

    private final int capacity;
    private long[] hashes;
    private long[] times;
    private int size;

    public RecentEvents(int capacity) {
        this(capacity, INITIAL_ROOM);
    }

    /**
     * @param expected entries about to be added (a decoded ring's length): room for them is allocated at once, so
     *                 that a customer with a few recent events costs a few entries, not the full capacity, per read
     */
    public RecentEvents(int capacity, int expected) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        int room = Math.clamp(expected, 1, capacity);
        this.hashes = new long[room];
        this.times = new long[room];
    }

    public int capacity() {
        return capacity;
    }

    public int size() {
        return size;
    }

    public boolean contains(long hash) {
        for (int i = 0; i < size; i++) {
            if (hashes[i] == hash) {
                return true;
            }
        }
        return false;
    }

    /** Remembers an event; when full, the oldest remembered one is forgotten. */
    public void add(long hash, long eventMillis) {
        if (size == capacity) {
            System.arraycopy(hashes, 1, hashes, 0, size - 1);
            System.arraycopy(times, 1, times, 0, size - 1);
            size--;
        } else if (size == hashes.length) {
            int room = (int) Math.min(capacity, 2L * hashes.length);
            hashes = Arrays.copyOf(hashes, room);
            times = Arrays.copyOf(times, room);
        }
        hashes[size] = hash;
        times[size] = eventMillis;
        size++;
    }

    /** Forgets the events whose event time is before {@code minEventMillis}; keeps the order of the rest. */
    public void forgetBefore(long minEventMillis) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (times[i] >= minEventMillis) {
                hashes[kept] = hashes[i];
                times[kept] = times[i];
                kept++;
            }
        }
        size = kept;
    }

    public long hashAt(int index) {
        return hashes[checkIndex(index)];
    }

    public long timeAt(int index) {
        return times[checkIndex(index)];
    }

    private int checkIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of " + size);
        }
        return index;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecentEvents r && r.size == size
                && Arrays.equals(hashes, 0, size, r.hashes, 0, size) && Arrays.equals(times, 0, size, r.times, 0, size);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(Arrays.copyOf(hashes, size)) + size;
    }

    @Override
    public String toString() {
        return "RecentEvents{" + size + "/" + capacity + '}';
    }
}
