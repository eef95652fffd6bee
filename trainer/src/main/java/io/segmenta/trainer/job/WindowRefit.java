package io.segmenta.trainer.job;

import io.segmenta.assigner.drift.DriftAccumulator;
import io.segmenta.assigner.features.FeatureSource;
import io.segmenta.assigner.features.FeatureVectorizer;
import io.segmenta.avro.Algorithm;
import io.segmenta.avro.DriftReport;
import io.segmenta.avro.FeatureKind;
import io.segmenta.avro.FeatureSpec;
import io.segmenta.avro.QualityMetrics;
import io.segmenta.avro.SegmentModel;
import io.segmenta.avro.TrainingWindow;
import io.segmenta.fitting.assembly.AssemblyInput;
import io.segmenta.fitting.assembly.MemberSample;
import io.segmenta.fitting.assembly.SegmentFit;
import io.segmenta.fitting.assembly.SegmentModelAssembler;
import io.segmenta.fitting.features.FeatureColumn;
import io.segmenta.fitting.features.FeatureSpecFitter;
import io.segmenta.fitting.features.SpecAlignment;
import io.segmenta.fitting.gmm.CovarianceType;
import io.segmenta.fitting.gmm.GaussianMixture;
import io.segmenta.fitting.gmm.GaussianMixtureModel;
import io.segmenta.fitting.gmm.GaussianMixtureParams;
import io.segmenta.fitting.gmm.StepwiseGaussianMixture;
import io.segmenta.fitting.gmm.StepwiseGaussianMixtureParams;
import io.segmenta.fitting.kmeans.KMeansModelData;
import io.segmenta.fitting.kmeans.KMeansPartialSums;
import io.segmenta.fitting.kmeans.MiniBatchKMeans;
import io.segmenta.fitting.kmeans.MiniBatchKMeansModel;
import io.segmenta.fitting.kmeans.MiniBatchKMeansParams;
import io.segmenta.fitting.profile.SegmentProfile;
import io.segmenta.fitting.profile.SegmentProfiler;
import io.segmenta.fitting.quality.ClusteringMetrics;
import io.segmenta.fitting.quality.QualityReport;
import io.segmenta.fitting.select.ClusterCountSelector;
import io.segmenta.fitting.select.KSelection;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The reducer's decision when a training window closes, as a plain function of the workers' {@link WindowStats}
 * and the parent model: fit a first model from the merged sample, or refit the parent (merged K-Means partial sums
 * when every worker computed them against the parent; otherwise a warm-started fit on the sample), then the quality
 * gate, stable ids and lineage, profiles and the drift report. No Flink types, so it is tested directly.
 */
public final class WindowRefit {

    /** What the window produced: a model to publish (or none, with the reason) and a drift report (or none). */
    public record Outcome(SegmentModel model, DriftReport drift, String decision) {
        public boolean published() {
            return model != null;
        }
    }

    static final int SILHOUETTE_SAMPLE = 2000;

    private final TrainerSettings settings;
    private final SegmentModelAssembler assembler;
    private final Clock clock;

    public WindowRefit(TrainerSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.assembler = new SegmentModelAssembler(new io.segmenta.fitting.lineage.SegmentMatcher(),
                new io.segmenta.fitting.profile.SegmentLabeler(), clock);
    }

    /**
     * @param stats  one entry per worker, all for the same window
     * @param parent the model in force, or null before the first one
     */
    public Outcome apply(List<WindowStats> stats, SegmentModel parent) {
        List<SampleRow> rows = new ArrayList<>();
        long customers = 0;
        long events = 0;
        long firstEvent = Long.MAX_VALUE;
        long eventsEver = 0;
        long firstEventEver = Long.MAX_VALUE;
        long windowEnd = stats.get(0).windowEnd;
        for (WindowStats s : stats) {
            rows.addAll(List.of(s.sample));
            customers += s.customers;
            events += s.events;
            firstEvent = Math.min(firstEvent, s.firstEventTime);
            eventsEver += s.eventsEver;
            firstEventEver = Math.min(firstEventEver, s.firstEventEver);
        }
        DriftReport drift = drift(stats, parent, firstEvent, windowEnd);
        if (parent == null) {
            // a first model's profiles hold every event so far, windows closed without a model included
            events = Math.max(events, eventsEver);
            firstEvent = Math.min(firstEvent, firstEventEver);
        }
        int needed = Math.max(10 * settings.kMin(), 20);
        if (rows.size() < needed) {
            return new Outcome(null, drift, "not enough customers yet: " + rows.size() + " sampled, " + needed + " needed");
        }
        long start = parent != null ? parent.getTrainingWindow().getEnd().toEpochMilli()
                : (firstEvent == Long.MAX_VALUE ? windowEnd : firstEvent);
        TrainingWindow window = TrainingWindow.newBuilder().setStart(Instant.ofEpochMilli(Math.min(start, windowEnd)))
                .setEnd(Instant.ofEpochMilli(windowEnd)).setSampleSize(customers).setEventCount(events).build();
        List<FeatureSource> sources = rows.stream()
                .map(r -> r.asSource(settings.numericFeatureNames(), settings.categoricalFeatureNames())).toList();
        return parent == null
                ? first(sources, window, drift)
                : refit(stats, parent, rows, sources, window, drift);
    }

    private Outcome first(List<FeatureSource> sources, TrainingWindow window, DriftReport drift) {
        List<FeatureColumn> usable = new ArrayList<>();
        List<FeatureColumn> dropped = new ArrayList<>();
        for (FeatureColumn column : settings.features()) {
            boolean observed = sources.stream().anyMatch(r -> column.kind() == FeatureKind.CATEGORICAL
                    ? r.category(column.name()) != null : !Double.isNaN(r.numeric(column.name())));
            if (observed) {
                usable.add(column);
            } else {
                dropped.add(column);
            }
        }
        if (usable.isEmpty()) {
            return new Outcome(null, drift, "no feature has an observed value yet");
        }
        // a feature nobody has yet (e.g. no sessions tracked) cannot be fitted: leave it out of this lineage
        FeatureSpec spec = FeatureSpecFitter.fit(usable, sources, settings.halfLifeDays());
        double[][] x = vectorize(FeatureVectorizer.compile(spec), sources);
        KSelection selection = settings.kMin() == settings.kMax() ? null : selectK(x);
        int k = selection == null ? settings.kMin() : selection.chosenK();
        SegmentFit fit = fitFromScratch(x, k);
        Map<String, String> tags = new HashMap<>(Map.of("decision",
                "first model, k=" + k + " (" + (selection == null ? "fixed" : selection.rule()) + ")"));
        if (!dropped.isEmpty()) {
            tags.put("droppedFeatures", String.join(",", dropped.stream().map(FeatureColumn::name).toList())
                    + " (no observed value in the first window)");
        }
        SegmentModel model = assemble(spec, fit, x, sources, window, null, null, tags);
        return new Outcome(model, drift, "first model v" + model.getVersion() + " with k=" + k);
    }

    private Outcome refit(List<WindowStats> stats, SegmentModel parent, List<SampleRow> rows,
                          List<FeatureSource> sources, TrainingWindow window, DriftReport drift) {
        int parentK = parent.getSegments().size();
        boolean kmeans = settings.algorithm() == Algorithm.KMEANS && parent.getAlgorithm() == Algorithm.KMEANS;
        boolean partialSums = kmeans && allAgainst(stats, parent.getVersion());
        // workers' partial sums live in the parent's space; a refit from the sample re-fits centre and scale too,
        // so that a scaler fitted on the first, immature window does not distort the features for ever
        FeatureSpec spec = partialSums ? parent.getFeatureSpec() : refitSpec(parent.getFeatureSpec(), sources);
        SpecAlignment alignment = SpecAlignment.between(parent.getFeatureSpec(), spec);
        double[][] parentCentroids = aligned(ParentModels.centroids(parent), alignment);
        double[][] x = vectorize(FeatureVectorizer.compile(spec), sources);
        String how;
        SegmentFit fit;
        if (partialSums) {
            KMeansModelData parentData = ParentModels.kmeans(parent);
            KMeansPartialSums merged = null;
            for (WindowStats s : stats) {
                KMeansPartialSums p = KMeansPartialSums.restore(parentData, new KMeansPartialSums.Snapshot(s.sums,
                        s.counts, s.inertia, s.points, s.candidatePoints, s.candidateKeys), parentK, windowSeed(s.windowEnd));
                merged = merged == null ? p : merged.merge(p);
            }
            MiniBatchKMeansModel updated = new MiniBatchKMeansModel(parentData)
                    .update(merged, settings.decayFactor(), 0.01);
            long[] sizes = new long[parentK];
            double[] counts = merged.counts();
            for (int c = 0; c < parentK; c++) {
                sizes[c] = Math.round(counts[c]);
            }
            fit = SegmentFit.kmeans(updated.modelData().centroids(), sizes);
            how = "merged partial sums of " + merged.points() + " customers from " + stats.size() + " workers";
        } else if (kmeans) {
            // a warm start keeps the parent's structure, but the first windows (everyone new) can leave it in a poor
            // optimum: a fresh k-means++ fit competes, and stable-id matching keeps the ids either way
            MiniBatchKMeansModel warm = new MiniBatchKMeans(kmeansParams(parentK))
                    .fit(x, KMeansModelData.ofCentroids(parentCentroids));
            MiniBatchKMeansModel fresh = new MiniBatchKMeans(kmeansParams(parentK)).fit(x);
            boolean freshWins = fresh.inertia(x) < 0.98 * warm.inertia(x);
            fit = SegmentFit.kmeans(freshWins ? fresh : warm, x);
            how = (freshWins ? "fresh fit (2% better than the warm start)" : "warm-started fit") + " on a sample of "
                    + x.length + " (workers had not seen v" + parent.getVersion() + ")";
        } else {
            GaussianMixtureModel gmm = new StepwiseGaussianMixture(StepwiseGaussianMixtureParams.defaults()
                    .withSeed(settings.seed())).fit(x, alignedGmm(parent, alignment));
            fit = SegmentFit.gmm(gmm, x);
            how = "stepwise EM warm-started from v" + parent.getVersion() + " on a sample of " + x.length;
        }
        // k may change only with evidence: a clearly better silhouette on this window's sample
        if (settings.kMin() < settings.kMax()) {
            KSelection selection = selectK(x);
            double current = silhouette(x, fit);
            Double best = selection.scores().get(selection.chosenK());
            if (selection.chosenK() != parentK && best != null && best - current >= settings.minSilhouetteGainForNewK()) {
                fit = fitFromScratch(x, selection.chosenK());
                how = String.format(Locale.ROOT, "k changed %d -> %d: silhouette %.3f -> %.3f", parentK,
                        selection.chosenK(), current, best);
            }
        }
        // quality gate: never publish a refit much worse than its parent on the same customers
        double parentInertia = ClusteringMetrics.inertia(x, parentCentroids,
                new MiniBatchKMeansModel(KMeansModelData.ofCentroids(parentCentroids)).predict(x));
        double refitInertia = ClusteringMetrics.inertia(x, fit.centroids(), fit.assign(x));
        if (refitInertia > parentInertia * (1 + settings.maxInertiaIncrease())) {
            return new Outcome(null, drift, String.format(Locale.ROOT,
                    "refused refit of v%d (%s): inertia %.1f on the window's sample vs the parent's %.1f (gate %.0f%%)",
                    parent.getVersion(), how, refitInertia, parentInertia, 100 * settings.maxInertiaIncrease()));
        }
        MemberSample members = members(rows, x, parent, parentCentroids);
        SegmentModel model = assemble(spec, fit, x, sources, window, parent, members, Map.of("decision", how));
        return new Outcome(model, drift, "v" + model.getVersion() + " from v" + parent.getVersion() + ": " + how);
    }

    /** The parent's layout with centre, scale and imputation re-fitted on this window's sample (same hash), if it can be. */
    private FeatureSpec refitSpec(FeatureSpec parentSpec, List<FeatureSource> sources) {
        List<String> names = parentSpec.getFeatures().stream().map(f -> f.getName()).toList();
        List<FeatureColumn> columns = settings.features().stream().filter(c -> names.contains(c.name())).toList();
        if (columns.size() != names.size()) {
            return parentSpec;
        }
        try {
            FeatureSpec refitted = FeatureSpecFitter.fit(columns, sources, settings.halfLifeDays());
            return SpecAlignment.compatible(parentSpec, refitted) ? refitted : parentSpec;
        } catch (IllegalArgumentException e) {
            return parentSpec;
        }
    }

    private static double[][] aligned(double[][] centroids, SpecAlignment alignment) {
        double[][] out = new double[centroids.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = alignment.vector(centroids[i]);
        }
        return out;
    }

    private static io.segmenta.fitting.gmm.GaussianMixtureModelData alignedGmm(SegmentModel parent, SpecAlignment alignment) {
        var data = ParentModels.gmm(parent, parent.getAlgorithm() == Algorithm.GMM_FULL ? CovarianceType.FULL : CovarianceType.DIAGONAL);
        double[][] means = aligned(data.means(), alignment);
        double[][] covariances = data.covariances();
        for (int i = 0; i < covariances.length; i++) {
            covariances[i] = alignment.covariance(covariances[i]);
        }
        return new io.segmenta.fitting.gmm.GaussianMixtureModelData(data.covarianceType(), data.weights(), means, covariances);
    }

    private SegmentModel assemble(FeatureSpec spec, SegmentFit fit, double[][] x, List<FeatureSource> sources,
                                  TrainingWindow window, SegmentModel parent, MemberSample members,
                                  Map<String, String> extraTags) {
        int[] labels = fit.assign(x);
        List<SegmentProfile> profiles = SegmentProfiler.profile(sources, settings.numericFeatureNames(),
                settings.categoricalFeatureNames(), labels, fit.k());
        QualityMetrics quality = fit.algorithm() == Algorithm.KMEANS
                ? QualityReport.kmeans(x, fit.centroids(), SILHOUETTE_SAMPLE, settings.seed())
                : QualityReport.gmm(x, gmmOf(fit), SILHOUETTE_SAMPLE, settings.seed());
        Map<String, String> tags = new HashMap<>(extraTags);
        tags.put("producer", "trainer");
        AssemblyInput in = AssemblyInput.of(settings.modelName(), spec, fit, profiles, quality, window).withTags(tags);
        if (parent != null) {
            in = in.withParent(parent, members);
        }
        return assembler.assemble(in);
    }

    private GaussianMixtureModel gmmOf(SegmentFit fit) {
        double[][] cov = new double[fit.k()][];
        for (int c = 0; c < fit.k(); c++) {
            cov[c] = fit.covariance(c);
        }
        return new GaussianMixtureModel(new io.segmenta.fitting.gmm.GaussianMixtureModelData(
                covarianceType(), fit.weights(), fit.centroids(), cov));
    }

    /** Sampled customers that the parent had assigned: previous = the parent's centre of that segment. */
    private static MemberSample members(List<SampleRow> rows, double[][] x, SegmentModel parent, double[][] centroids) {
        List<double[]> previous = new ArrayList<>();
        List<double[]> current = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            int index = rows.get(i).previousSegment == SampleRow.NONE ? -1
                    : ParentModels.indexOfSegment(parent, rows.get(i).previousSegment);
            if (index >= 0) {
                previous.add(centroids[index]);
                current.add(x[i]);
            }
        }
        if (previous.isEmpty()) {
            // workers had not assigned anyone yet (the model had not reached them): the parent's view of today's
            // vectors is the best overlap there is (it can mistake a birth among newcomers for a split)
            return MemberSample.same(x);
        }
        return new MemberSample(previous.toArray(double[][]::new), current.toArray(double[][]::new));
    }

    private DriftReport drift(List<WindowStats> stats, SegmentModel parent, long firstEvent, long windowEnd) {
        if (parent == null || !allAgainst(stats, parent.getVersion())) {
            return null;
        }
        DriftAccumulator drift = DriftAccumulator.of(parent);
        for (WindowStats s : stats) {
            for (int i = 0; i < s.driftSegmentIds.length; i++) {
                drift.addAggregate(s.driftSegmentIds[i], s.driftCounts[i], s.driftDistanceSums[i]);
            }
            drift.addChanges(s.changes);
        }
        if (drift.assignments() == 0) {
            return null;
        }
        long start = Math.min(windowEnd - settings.window().toMillis(), firstEvent);
        return drift.report(Instant.ofEpochMilli(start), Instant.ofEpochMilli(windowEnd), clock.instant());
    }

    private static boolean allAgainst(List<WindowStats> stats, long version) {
        return stats.stream().allMatch(s -> s.modelVersion == version);
    }

    private KSelection selectK(double[][] x) {
        int kMax = Math.min(settings.kMax(), x.length - 1);
        return settings.algorithm() == Algorithm.KMEANS
                ? ClusterCountSelector.bySilhouette(x, settings.kMin(), kMax, kmeansParams(settings.kMin()), SILHOUETTE_SAMPLE,
                settings.minSegmentShare())
                : ClusterCountSelector.byBic(x, settings.kMin(), kMax,
                GaussianMixtureParams.defaults(settings.kMin(), covarianceType()).withSeed(settings.seed()),
                settings.minSegmentShare());
    }

    private SegmentFit fitFromScratch(double[][] x, int k) {
        if (settings.algorithm() == Algorithm.KMEANS) {
            return SegmentFit.kmeans(new MiniBatchKMeans(kmeansParams(k)).fit(x), x);
        }
        GaussianMixtureModel gmm = new GaussianMixture(GaussianMixtureParams.defaults(k, covarianceType())
                .withSeed(settings.seed())).fit(x);
        return SegmentFit.gmm(gmm, x);
    }

    private double silhouette(double[][] x, SegmentFit fit) {
        return ClusteringMetrics.silhouette(x, fit.assign(x), SILHOUETTE_SAMPLE, settings.seed()).mean();
    }

    private MiniBatchKMeansParams kmeansParams(int k) {
        return MiniBatchKMeansParams.defaults(k).withSeed(settings.seed())
                .withBatchSize(Math.min(1024, Math.max(64, k * 20)));
    }

    private CovarianceType covarianceType() {
        return settings.algorithm() == Algorithm.GMM_FULL ? CovarianceType.FULL : CovarianceType.DIAGONAL;
    }

    static double[][] vectorize(FeatureVectorizer vectorizer, List<FeatureSource> sources) {
        double[][] x = new double[sources.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = vectorizer.vectorize(sources.get(i));
        }
        return x;
    }

    /** Seed of the re-seed candidates of a window, the same on every worker. */
    static long windowSeed(long windowEnd) {
        return windowEnd * 0x9E3779B97F4A7C15L;
    }
}
