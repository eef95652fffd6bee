package io.segmenta.assigner.scoring;

/**
 * Mutable, reusable result of {@link SegmentScorer#score}: keep one per thread and pass it to every call so the
 * hot path allocates nothing. Values are those of the latest call; read them before the next one.
 */
public final class Assignment {

    /** {@link #runnerUpSegmentId()} of a one-segment model, and of a holder not yet scored. */
    public static final int NO_SEGMENT = Integer.MIN_VALUE;

    int segmentIndex = -1;
    int segmentId = NO_SEGMENT;
    String label;
    int runnerUpIndex = -1;
    int runnerUpSegmentId = NO_SEGMENT;
    double distance = Double.NaN;
    double confidence = Double.NaN;
    boolean heldBack;
    private double[] vector = new double[0];
    private double[] scratch = new double[0];
    private double[] perSegment = new double[0];

    /** The stable {@code segmentId} of the chosen segment (not its position in the model). */
    public int segmentId() {
        return segmentId;
    }

    public String label() {
        return label;
    }

    /**
     * Euclidean distance to the chosen centre in the scaled space (K-Means) or Mahalanobis distance to the chosen
     * component's mean (GMM).
     */
    public double distance() {
        return distance;
    }

    /**
     * In [0, 1]. K-Means: relative margin {@code (d2 - d1) / d2} of the runner-up's distance over the chosen one's
     * (0 = tie, 1 = on the centre; 1 for a one-segment model; 0 for a segment {@linkplain #heldBack() kept} by the
     * switch margin, which is not the nearest). GMM: posterior probability of the chosen component.
     */
    public double confidence() {
        return confidence;
    }

    public boolean hasRunnerUp() {
        return runnerUpIndex >= 0;
    }

    /**
     * True when the customer kept its current segment because the best one did not beat it by the
     * {@link SwitchMargin}: this assignment is then about the kept segment (id, label, distance, confidence) and the
     * runner-up is the best segment, the one held back.
     */
    public boolean heldBack() {
        return heldBack;
    }

    /** Segment id of the second-best segment (of the best one when {@link #heldBack()}), or {@link #NO_SEGMENT}. */
    public int runnerUpSegmentId() {
        return runnerUpSegmentId;
    }

    /** Position of the chosen segment in the model's segment list. */
    public int segmentIndex() {
        return segmentIndex;
    }

    /** Position of the runner-up in the model's segment list, or -1. */
    public int runnerUpIndex() {
        return runnerUpIndex;
    }

    /** The vector written by the latest {@link SegmentScorer#assign}; a view, overwritten by the next call. */
    public double[] vector() {
        return vector;
    }

    /** This holder's vector buffer of exactly {@code dimension}, reallocated only when the model's dimension changes. */
    double[] vectorBuffer(int dimension) {
        if (vector.length != dimension) {
            vector = new double[dimension];
        }
        return vector;
    }

    /** Working space for scorers, so that they stay stateless and the hot path allocation-free. */
    double[] scratch(int length) {
        if (scratch.length < length) {
            scratch = new double[length];
        }
        return scratch;
    }

    /** Working space of one value per segment, e.g. log densities. */
    double[] perSegment(int segments) {
        if (perSegment.length < segments) {
            perSegment = new double[segments];
        }
        return perSegment;
    }

    void set(int index, int id, String label, double distance, double confidence, int runnerUpIndex, int runnerUpId) {
        this.segmentIndex = index;
        this.segmentId = id;
        this.label = label;
        this.distance = distance;
        this.confidence = confidence;
        this.runnerUpIndex = runnerUpIndex;
        this.runnerUpSegmentId = runnerUpId;
        this.heldBack = false;
    }

    /** Replaces the best segment just scored by the customer's current one, and makes the best the runner-up. */
    void keep(int index, int id, String label, double distance, double confidence) {
        int bestIndex = segmentIndex;
        int bestId = segmentId;
        set(index, id, label, distance, confidence, bestIndex, bestId);
        this.heldBack = true;
    }

    @Override
    public String toString() {
        return "Assignment{segment=" + segmentId + " '" + label + "', distance=" + distance + ", confidence="
                + confidence + ", runnerUp=" + (hasRunnerUp() ? runnerUpSegmentId : "none") + (heldBack ? ", heldBack" : "")
                + '}';
    }
}
