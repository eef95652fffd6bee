package io.segmenta.fitting.refit;

/** Which way a window's refit went; the trainer logs it and counts each. */
public enum RefitPath {
    /** No parent: a spec and a model fitted from the window's sample. */
    FIRST_FIT(true),
    /** The parent's K-Means centroids moved by every worker's partial sums, in the parent's feature space. */
    MERGED_PARTIAL_SUMS(true),
    /** A fit on the sample started from the parent (some worker had not computed partial sums against it). */
    SAMPLE_WARM_START(true),
    /** A fit on the sample from scratch, which beat the warm start (see the estimator). */
    SAMPLE_FRESH(true),
    /** A refit with another k, allowed by a large enough silhouette gain on the sample. */
    K_CHANGED(true),
    /**
     * The refit was not clearly better than the parent on the window's sample: the parent's spec and centroids carry
     * over to the new version (profiles, sizes and quality are this window's), so nobody moves because of it.
     */
    KEPT_PARENT_GEOMETRY(true),
    /** A refit the quality gate refused: its inertia on the sample is too far above the parent's. */
    REFUSED_BY_GATE(false),
    /** Too few sampled customers, or no feature with an observed value yet. */
    NOT_ENOUGH_DATA(false);

    private final boolean publishes;

    RefitPath(boolean publishes) {
        this.publishes = publishes;
    }

    /** True when this path ends in a model to publish. */
    public boolean publishes() {
        return publishes;
    }
}
