package io.segmenta.analysis.cluster;

/** The clustering algorithms compared, in tie-break order (K-Means first: it is what the assigner serves). */
public enum Method {
    KMEANS("K-Means"),
    GMM("GMM"),
    WARD("Hierarchical (Ward)"),
    AVERAGE("Hierarchical (average)"),
    COMPLETE("Hierarchical (complete)"),
    DBSCAN("DBSCAN"),
    AFFINITY_PROPAGATION("Affinity propagation");

    private final String displayName;

    Method(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** True when the number of segments is an input; DBSCAN and affinity propagation find their own. */
    public boolean takesK() {
        return this != DBSCAN && this != AFFINITY_PROPAGATION;
    }
}
