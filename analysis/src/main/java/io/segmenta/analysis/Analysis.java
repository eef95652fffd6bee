package io.segmenta.analysis;

import io.segmenta.analysis.cluster.BestSolutionRule;
import io.segmenta.analysis.cluster.Candidate;
import io.segmenta.analysis.cluster.Dendrogram;
import io.segmenta.analysis.cluster.KDistance;
import io.segmenta.analysis.prepare.FeatureSelection;
import io.segmenta.analysis.prepare.PreparedData;
import io.segmenta.analysis.table.ColumnProfile;
import io.segmenta.analysis.table.CorrelationMatrix;
import io.segmenta.analysis.table.CustomerTable;
import io.segmenta.analysis.table.TransactionProfiles;
import io.segmenta.analysis.view.Projection2D;

import java.util.List;
import java.util.Map;

/**
 * Everything an analysis found, for the report, the summary and publishing.
 *
 * @param options      what was asked
 * @param transactions how transactions were read and folded (null for a customer table)
 * @param table        the customer table analysed
 * @param profiles     one profile per column of the table
 * @param correlations correlations of the table's numeric columns
 * @param selection    the columns kept and dropped, with reasons
 * @param prepared     the prepared vectors and their feature spec
 * @param candidates   every clustering, in the order run
 * @param wardTree     the Ward merge tree (possibly on a sample)
 * @param kDistance    the k-distance curve DBSCAN took eps from
 * @param choice       the chosen clustering and the rule
 * @param segments     the chosen clustering's segments, interpreted
 * @param pca          PCA view
 * @param tsne         t-SNE view (null when skipped)
 * @param warnings     things that did not work out (a GMM k that failed, ...)
 * @param timings      seconds per stage
 * @param seconds      total seconds
 */
public record Analysis(AnalysisOptions options, TransactionProfiles.Result transactions, CustomerTable table,
                       List<ColumnProfile> profiles, CorrelationMatrix correlations, FeatureSelection selection,
                       PreparedData prepared, List<Candidate> candidates, Dendrogram wardTree, KDistance kDistance,
                       BestSolutionRule.Choice choice, List<SegmentSummary> segments, Projection2D pca,
                       Projection2D tsne, List<String> warnings, Map<String, Double> timings, double seconds) {

    public Candidate best() {
        return choice.best();
    }

    /** Label of each row's segment ("noise" for DBSCAN's unassigned rows). */
    public String labelOfRow(int row) {
        int l = best().labels()[row];
        return l < 0 ? "noise" : segments.stream().filter(s -> s.id() == l).findFirst().map(SegmentSummary::label)
                .orElse("Segment " + l);
    }
}
