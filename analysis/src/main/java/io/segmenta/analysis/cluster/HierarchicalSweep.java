package io.segmenta.analysis.cluster;

import io.segmenta.fitting.Sampling;
import io.segmenta.fitting.Vectors;
import smile.clustering.HierarchicalClustering;
import smile.clustering.linkage.CompleteLinkage;
import smile.clustering.linkage.Linkage;
import smile.clustering.linkage.UPGMALinkage;
import smile.clustering.linkage.WardLinkage;

import java.util.ArrayList;
import java.util.List;

/**
 * Agglomerative clustering (Smile) with Ward, average (UPGMA) and complete linkage, each tree cut at every k. The
 * proximity matrix is O(n^2), so above {@code maxRows} the tree is built on a seeded sample and the other rows join
 * the nearest cluster mean.
 */
public final class HierarchicalSweep {

    public static final int DEFAULT_MAX_ROWS = 2000;

    /** The candidates and the Ward tree (for the dendrogram). */
    public record Result(List<Candidate> candidates, Dendrogram wardTree) {
    }

    private HierarchicalSweep() {
    }

    public static Result run(double[][] x, List<Integer> ks, Scorer scorer, int maxRows, long seed) {
        int[] sample = Sampling.withoutReplacement(x.length, maxRows, seed);
        double[][] rows = Vectors.rows(x, sample);
        String note = sample.length < x.length
                ? "tree built on a seeded sample of " + sample.length + " rows; the other rows joined the nearest "
                + "cluster mean" : "tree built on all rows";
        List<Candidate> out = new ArrayList<>();
        Dendrogram ward = null;
        for (Method method : List.of(Method.WARD, Method.AVERAGE, Method.COMPLETE)) {
            Linkage linkage = switch (method) {
                case WARD -> WardLinkage.of(rows);
                case AVERAGE -> UPGMALinkage.of(rows);
                default -> CompleteLinkage.of(rows);
            };
            HierarchicalClustering tree = HierarchicalClustering.fit(linkage);
            if (method == Method.WARD) {
                ward = new Dendrogram("Ward", rows.length, tree.tree(), tree.height());
            }
            for (int k : ks) {
                if (k > rows.length) {
                    continue;
                }
                int[] sampleLabels = tree.partition(k);
                int kk = Partitions.densify(sampleLabels);
                int[] labels = Partitions.extend(x, sample, sampleLabels, kk);
                out.add(new Candidate(method, "", kk, labels, Partitions.centroids(x, labels, kk),
                        scorer.score(x, labels, kk, null), note, null));
            }
        }
        return new Result(out, ward);
    }
}
