package io.segmenta.analysis;

import io.segmenta.analysis.cluster.AffinityPropagationRun;
import io.segmenta.analysis.cluster.BestSolutionRule;
import io.segmenta.analysis.cluster.HierarchicalSweep;
import io.segmenta.analysis.prepare.PrepareOptions;
import io.segmenta.analysis.prepare.SelectionRules;
import io.segmenta.analysis.view.Projections;
import io.segmenta.fitting.Checks;
import io.segmenta.fitting.quality.ClusteringMetrics;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to analyse and how.
 *
 * @param input            customer table, or transactions file / directory
 * @param idColumn         the id column of a table (null: detected)
 * @param columns          columns to cluster on (null: chosen by the feature selection)
 * @param ks               numbers of segments to try
 * @param mapping          transaction mapping name or file (null: detect; a table when nothing matches)
 * @param prepare          preprocessing
 * @param selection        feature selection thresholds
 * @param silhouetteSample silhouette sample bound
 * @param hierarchicalRows hierarchical clustering sample bound
 * @param affinityRows     affinity propagation sample bound
 * @param tsneRows         t-SNE sample bound (0: no t-SNE)
 * @param seed             every random choice is seeded with it
 * @param minSegmentShare  the best solution has no segment smaller than this share of the rows
 */
public record AnalysisOptions(Path input, String idColumn, List<String> columns, KRange ks, String mapping,
                              PrepareOptions prepare, SelectionRules selection, int silhouetteSample,
                              int hierarchicalRows, int affinityRows, int tsneRows, long seed,
                              double minSegmentShare) {

    public static final long DEFAULT_SEED = 42L;

    public AnalysisOptions {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(ks, "ks");
        Objects.requireNonNull(prepare, "prepare");
        Objects.requireNonNull(selection, "selection");
        columns = columns == null ? null : List.copyOf(columns);
        Checks.atLeast("silhouetteSample", silhouetteSample, 10);
        Checks.atLeast("hierarchicalRows", hierarchicalRows, 10);
        Checks.atLeast("affinityRows", affinityRows, 10);
        Checks.atLeast("tsneRows", tsneRows, 0);
        Checks.within("minSegmentShare", minSegmentShare, 0, 0.5);
    }

    /** How the best solution is chosen: within {@link #ks()}, no segment under {@link #minSegmentShare()}. */
    public BestSolutionRule bestSolutionRule() {
        return BestSolutionRule.defaults(ks.min(), ks.max()).withMinSegmentShare(minSegmentShare);
    }

    public static AnalysisOptions defaults(Path input) {
        return new AnalysisOptions(input, null, null, KRange.DEFAULT, null, PrepareOptions.DEFAULTS,
                SelectionRules.DEFAULTS, ClusteringMetrics.DEFAULT_SILHOUETTE_SAMPLE,
                HierarchicalSweep.DEFAULT_MAX_ROWS, AffinityPropagationRun.DEFAULT_MAX_ROWS,
                Projections.DEFAULT_TSNE_ROWS, DEFAULT_SEED,
                BestSolutionRule.DEFAULT_MIN_SEGMENT_SHARE);
    }

    public AnalysisOptions withColumns(List<String> c) {
        return new AnalysisOptions(input, idColumn, c, ks, mapping, prepare, selection, silhouetteSample,
                hierarchicalRows, affinityRows, tsneRows, seed, minSegmentShare);
    }

    public AnalysisOptions withIdColumn(String id) {
        return new AnalysisOptions(input, id, columns, ks, mapping, prepare, selection, silhouetteSample,
                hierarchicalRows, affinityRows, tsneRows, seed, minSegmentShare);
    }

    public AnalysisOptions withKs(KRange k) {
        return new AnalysisOptions(input, idColumn, columns, k, mapping, prepare, selection, silhouetteSample,
                hierarchicalRows, affinityRows, tsneRows, seed, minSegmentShare);
    }

    public AnalysisOptions withMapping(String m) {
        return new AnalysisOptions(input, idColumn, columns, ks, m, prepare, selection, silhouetteSample,
                hierarchicalRows, affinityRows, tsneRows, seed, minSegmentShare);
    }

    public AnalysisOptions withPrepare(PrepareOptions p) {
        return new AnalysisOptions(input, idColumn, columns, ks, mapping, p, selection, silhouetteSample,
                hierarchicalRows, affinityRows, tsneRows, seed, minSegmentShare);
    }

    public AnalysisOptions withSelection(SelectionRules s) {
        return new AnalysisOptions(input, idColumn, columns, ks, mapping, prepare, s, silhouetteSample,
                hierarchicalRows, affinityRows, tsneRows, seed, minSegmentShare);
    }

    public AnalysisOptions withMinSegmentShare(double share) {
        return new AnalysisOptions(input, idColumn, columns, ks, mapping, prepare, selection, silhouetteSample,
                hierarchicalRows, affinityRows, tsneRows, seed, share);
    }

    public AnalysisOptions withTsneRows(int rows) {
        return new AnalysisOptions(input, idColumn, columns, ks, mapping, prepare, selection, silhouetteSample,
                hierarchicalRows, affinityRows, rows, seed, minSegmentShare);
    }
}
