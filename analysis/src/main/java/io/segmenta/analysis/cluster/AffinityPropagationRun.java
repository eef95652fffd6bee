package io.segmenta.analysis.cluster;

import io.segmenta.fitting.Sampling;
import io.segmenta.fitting.Vectors;

import java.util.ArrayList;
import java.util.List;

/**
 * Affinity propagation with both usual preferences (median: moderate k; minimum: few segments) on a seeded sample
 * of at most {@code maxRows}; the other rows join the nearest cluster mean.
 */
public final class AffinityPropagationRun {

    public static final int DEFAULT_MAX_ROWS = 1000;

    private AffinityPropagationRun() {
    }

    public static List<Candidate> run(double[][] x, Scorer scorer, int maxRows, long seed) {
        int[] sample = Sampling.withoutReplacement(x.length, maxRows, seed);
        double[][] rows = Vectors.rows(x, sample);
        List<Candidate> out = new ArrayList<>();
        for (AffinityPropagation.Preference preference : AffinityPropagation.Preference.values()) {
            AffinityPropagation.Result fit = AffinityPropagation.DEFAULTS.fit(rows, preference);
            int[] sampleLabels = fit.labels().clone();
            int k = Partitions.densify(sampleLabels);
            int[] labels = Partitions.extend(x, sample, sampleLabels, k);
            String variant = preference.name().toLowerCase(java.util.Locale.ROOT) + " preference";
            String note = (sample.length < x.length ? "fitted on a seeded sample of " + sample.length
                    + " rows, the others joined the nearest cluster mean; " : "")
                    + variant + ", damping " + AffinityPropagation.DEFAULTS.damping() + ", "
                    + (fit.converged() ? "converged after " + fit.iterations() + " iterations"
                    : "not converged after " + fit.iterations() + " iterations");
            out.add(new Candidate(Method.AFFINITY_PROPAGATION, variant, k, labels, Partitions.centroids(x, labels, k),
                    scorer.score(x, labels, k, null), note, null));
        }
        return out;
    }
}
