package io.segmenta.assigner.dedup;

import java.util.Arrays;

/**
 * The event-id hashes of a customer's recent events with their event times, oldest first, for de-duplication.
 * Bounded twice: at most {@link #capacity()} entries (the oldest falls out), and entries older than a window
 * before the customer's latest event time are forgotten ({@link #forgetBefore}). Event time, not wall time,
 * so that a replay forgets exactly what the first run forgot. Mutable; one instance per customer state.
 */
public final class RecentEvents {

    private final long[] hashes;
    private final long[] times;
    private int size;

    public RecentEvents(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.hashes = new long[capacity];
        this.times = new long[capacity];
    }

    public int capacity() {
        return hashes.length;
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
        if (size == hashes.length) {
            System.arraycopy(hashes, 1, hashes, 0, size - 1);
            System.arraycopy(times, 1, times, 0, size - 1);
            size--;
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
        return "RecentEvents{" + size + "/" + hashes.length + '}';
    }
}
