package io.segmenta.benchmarks.quality;

/** The lineage events of one model against its parent, by kind. */
public record LineageCounts(int survived, int births, int deaths, int splits, int merges) {

    /** True when the segments of the parent simply carried on (what stationary data should give). */
    public boolean onlySurvivals() {
        return births == 0 && deaths == 0 && splits == 0 && merges == 0;
    }
}
