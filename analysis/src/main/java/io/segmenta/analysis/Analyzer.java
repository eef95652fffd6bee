package io.segmenta.analysis;

import io.segmenta.analysis.cluster.AffinityPropagationRun;
import io.segmenta.analysis.cluster.BestSolutionRule;
import io.segmenta.analysis.cluster.Candidate;
import io.segmenta.analysis.cluster.DbscanRun;
import io.segmenta.analysis.cluster.GmmSweep;
import io.segmenta.analysis.cluster.HierarchicalSweep;
import io.segmenta.analysis.cluster.KMeansSweep;
import io.segmenta.analysis.cluster.Scorer;
import io.segmenta.analysis.prepare.FeatureSelection;
import io.segmenta.analysis.prepare.FeatureSelector;
import io.segmenta.analysis.prepare.PreparedData;
import io.segmenta.analysis.prepare.Preprocessor;
import io.segmenta.analysis.table.ColumnProfile;
import io.segmenta.analysis.table.CorrelationMatrix;
import io.segmenta.analysis.table.CustomerTable;
import io.segmenta.analysis.table.TableColumn;
import io.segmenta.analysis.table.TableProfiler;
import io.segmenta.analysis.table.TableReader;
import io.segmenta.analysis.table.TransactionProfiles;
import io.segmenta.analysis.view.Projection2D;
import io.segmenta.analysis.view.Projections;
import io.segmenta.transactions.MappingException;
import io.segmenta.transactions.TransactionMapping;
import io.segmenta.transactions.TransactionMappings;
import io.segmenta.fitting.profile.SegmentLabel;
import io.segmenta.fitting.profile.SegmentLabeler;
import io.segmenta.fitting.profile.SegmentProfile;
import io.segmenta.fitting.profile.SegmentProfiler;
import io.segmenta.assigner.features.FeatureSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the classic segmentation workflow on a customer table or a transactions file: read, profile, select,
 * prepare, cluster with five algorithms, choose the best by a stated rule, interpret, and project to 2-D. Pure
 * computation: writing the report is {@code report.*}'s job.
 */
public final class Analyzer {

    /** Stages reported by {@link #run}; the command adds one for writing. */
    public static final int STAGES = 10;

    private final AnalysisOptions options;

    public Analyzer(AnalysisOptions options) {
        this.options = options;
    }

    public Analysis run(Progress progress) {
        progress.start("reading " + options.input());
        TransactionProfiles.Result transactions = null;
        CustomerTable table;
        Optional<TransactionMapping> mapping = mapping();
        if (mapping.isPresent()) {
            progress.detail("transactions, mapping '" + mapping.get().name() + "': deriving RFM and behaviour "
                    + "features per customer with the core's ProfileFolder");
            transactions = TransactionProfiles.build(options.input(), mapping.get(),
                    options.prepare().halfLifeDays(), file -> {
                    });
            progress.detail(transactions.read().describe());
            table = transactions.table();
        } else {
            table = CustomerTable.of(TableReader.read(options.input()), options.idColumn());
        }
        progress.detail(table.rows() + " rows, " + table.columns().size() + " columns");
        int maxK = options.ks().max();
        if (table.rows() <= maxK) {
            throw new UserError(table.source() + " has " + table.rows() + " rows: too few for " + maxK
                    + " segments (need more rows than k; lower --k)");
        }

        progress.start("profiling columns");
        List<ColumnProfile> profiles = TableProfiler.profile(table);
        List<TableColumn> numeric = table.columns().stream().filter(TableColumn::isNumeric).toList();
        CorrelationMatrix correlations = CorrelationMatrix.of(numeric);

        progress.start("selecting features");
        FeatureSelection selection = new FeatureSelector(options.selection()).select(table, options.columns(),
                transactions != null ? TransactionProfiles.DEFAULT_FEATURES : null);
        selection.dropped().forEach(d -> progress.detail("dropped " + d.column() + ": " + d.reason()));

        progress.start("preparing (impute, log, one-hot, scale)");
        PreparedData prepared = new Preprocessor(options.prepare()).prepare(table, selection.kept());
        progress.detail(prepared.dimension() + " dimensions from " + selection.kept().size() + " features");

        double[][] x = prepared.x();
        long seed = options.seed();
        Scorer scorer = new Scorer(options.silhouetteSample(), seed);
        List<Candidate> candidates = new ArrayList<>();
        List<String> warnings = new ArrayList<>();

        progress.start("K-Means k=" + options.ks());
        candidates.addAll(KMeansSweep.run(x, options.ks().values(), scorer, seed));

        progress.start("hierarchical clustering (Ward, average, complete)");
        HierarchicalSweep.Result hierarchical = HierarchicalSweep.run(x, options.ks().values(), scorer,
                options.hierarchicalRows(), seed);
        candidates.addAll(hierarchical.candidates());

        progress.start("GMM k=" + options.ks());
        candidates.addAll(GmmSweep.run(x, options.ks().values(), scorer, seed, warnings));

        progress.start("DBSCAN and affinity propagation");
        DbscanRun.Result dbscan = DbscanRun.run(x, scorer, seed);
        candidates.add(dbscan.candidate());
        candidates.addAll(AffinityPropagationRun.run(x, scorer, options.affinityRows(), seed));

        progress.start("choosing the best solution and interpreting it");
        BestSolutionRule rule = options.bestSolutionRule();
        BestSolutionRule.Choice choice = rule.choose(candidates).orElseThrow(() -> new UserError(
                "no clustering could be scored: the rows may be identical"));
        if (!choice.eligible()) {
            warnings.add("no solution met every best-solution condition: " + choice.rule()
                    .substring(choice.rule().indexOf(". ") + 2));
        }
        progress.detail("best: " + choice.best().name() + " with k=" + choice.best().k());
        List<SegmentSummary> segments = interpret(prepared, choice.best());

        progress.start("2-D views (PCA, t-SNE)");
        Projection2D pca = Projections.pca(x);
        Projection2D tsne = options.tsneRows() == 0 ? null
                : Projections.tsne(x, options.tsneRows(), seed).orElse(null);
        progress.finishCurrent();
        return new Analysis(options, transactions, table, profiles, correlations, selection, prepared, candidates,
                hierarchical.wardTree(), dbscan.kDistance(), choice, segments, pca, tsne, warnings,
                progress.timings(), progress.elapsedSeconds());
    }

    private Optional<TransactionMapping> mapping() {
        Path input = options.input();
        try {
            if (options.mapping() != null) {
                return Optional.of(TransactionMappings.resolve(options.mapping()));
            }
            if (!Files.exists(input)) {
                throw new UserError("cannot read " + input + ": no such file or directory");
            }
            if (!Files.isReadable(input)) {
                throw new UserError("cannot read " + input + ": permission denied");
            }
            Optional<TransactionMapping> detected = TransactionMappings.detect(input);
            if (detected.isEmpty() && Files.isDirectory(input)) {
                throw new UserError(input + " is a directory but no built-in mapping " + TransactionMappings.BUILT_IN
                        + " recognises its first file; pass --mapping <file>");
            }
            return detected;
        } catch (MappingException e) {
            throw new UserError(e.getMessage());
        } catch (IOException e) {
            throw new UserError("cannot read " + input + ": " + e.getMessage());
        }
    }

    /** Profiles (original units) and labels of the chosen solution's segments; noise rows are left out. */
    static List<SegmentSummary> interpret(PreparedData prepared, Candidate best) {
        List<FeatureSource> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < best.labels().length; i++) {
            if (best.labels()[i] >= 0) {
                rows.add(prepared.rows().get(i));
                labels.add(best.labels()[i]);
            }
        }
        List<SegmentProfile> profiles = SegmentProfiler.profile(rows, prepared.numericFeatures(),
                prepared.categoricalFeatures(), labels.stream().mapToInt(Integer::intValue).toArray(), best.k());
        List<SegmentLabel> names = new SegmentLabeler().label(profiles);
        List<SegmentSummary> out = new ArrayList<>();
        int n = best.labels().length;
        for (int c = 0; c < best.k(); c++) {
            SegmentProfile p = profiles.get(c);
            out.add(new SegmentSummary(c, names.get(c).label(), names.get(c).suggestedAction(), p.size(),
                    (double) p.size() / n, p.means(), p.zScores()));
        }
        return out;
    }
}
