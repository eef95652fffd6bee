package io.segmenta.trainer.job;

/**
 * What one worker learned about its customers when a training window closed: K-Means partial sums against the
 * model it had (only k x d numbers), drift counts, and a bounded sample of customers. The reducer merges these from
 * every worker. A Flink POJO; arrays rather than objects so that Flink serializes it without Kryo.
 */
public class WindowStats {

    /** End of the training window (exclusive), event time. */
    public long windowEnd;
    public int subtask;
    public int parallelism;
    /** Version of the model the partial sums and drift were computed against; -1 when the worker had none. */
    public long modelVersion = -1;
    /** Customers with a profile on this worker, and the events they folded in this window. */
    public long customers;
    public long events;
    /** Earliest event time folded in this window on this worker (Long.MAX_VALUE when none). */
    public long firstEventTime = Long.MAX_VALUE;
    /** Latest event time this worker has folded so far (Long.MIN_VALUE when none). */
    public long lastEventTime = Long.MIN_VALUE;
    /** Earliest event time and number of events this worker has folded so far: what a first model's profiles hold. */
    public long firstEventEver = Long.MAX_VALUE;
    public long eventsEver;

    // K-Means partial sums (empty when modelVersion is -1)
    public double[][] sums = new double[0][];
    public double[] counts = new double[0];
    public double inertia;
    public long points;
    public double[][] candidatePoints = new double[0][];
    public double[] candidateKeys = new double[0];

    // drift against the model, by segment id
    public int[] driftSegmentIds = new int[0];
    public long[] driftCounts = new long[0];
    public double[] driftDistanceSums = new double[0];
    public long changes;

    public SampleRow[] sample = new SampleRow[0];

    public WindowStats() {
    }

    @Override
    public String toString() {
        return "WindowStats{end=" + windowEnd + ", subtask=" + subtask + "/" + parallelism + ", model=" + modelVersion
                + ", customers=" + customers + ", sample=" + sample.length + "}";
    }
}
