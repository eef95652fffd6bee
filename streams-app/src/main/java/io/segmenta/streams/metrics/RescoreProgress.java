package io.segmenta.streams.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Progress of the re-score passes that tasks run after a model update, summed over this process's tasks for the
 * progress gauge and {@code GET /models}. Thread-safe.
 */
public final class RescoreProgress {

    /** One task's pass: customers walked so far of an approximate total (RocksDB's estimate at the pass start). */
    public record Pass(long modelVersion, long rescored, long approximateTotal, boolean done) {
    }

    /**
     * @param running  whether any task is still walking its store
     * @param progress rescored / approximate total, capped at 1; 1 when no pass is running
     */
    public record Summary(boolean running, Long modelVersion, long rescored, long approximateTotal, double progress) {
    }

    private final Map<String, Pass> byTask = new ConcurrentHashMap<>();

    public void update(String taskId, Pass pass) {
        byTask.put(taskId, pass);
    }

    public void remove(String taskId) {
        byTask.remove(taskId);
    }

    public Summary summary() {
        boolean running = false;
        Long version = null;
        long rescored = 0;
        long total = 0;
        for (Pass p : byTask.values()) {
            running |= !p.done();
            version = version == null ? p.modelVersion() : Math.max(version, p.modelVersion());
            rescored += p.rescored();
            total += Math.max(p.approximateTotal(), p.rescored());
        }
        double progress = !running ? 1.0 : total == 0 ? 0.0 : Math.min(1.0, (double) rescored / total);
        return new Summary(running, version, rescored, total, progress);
    }
}
