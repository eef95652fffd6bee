package io.segmenta.assigner;

import java.lang.management.ManagementFactory;

/** Bytes allocated by the current thread while running some code; for "the hot path allocates nothing" tests. */
public final class AllocationMeter {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationMeter() {
    }

    public static long bytesAllocatedBy(Runnable code) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        code.run();
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }
}
