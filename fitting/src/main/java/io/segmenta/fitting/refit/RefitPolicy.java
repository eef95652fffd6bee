package io.segmenta.fitting.refit;

import io.segmenta.assigner.features.FeatureSource;
import io.segmenta.assigner.features.FeatureSpecs;
import io.segmenta.assigner.features.FeatureVectorizer;
import io.segmenta.avro.FeatureSpec;
import io.segmenta.avro.QualityMetrics;
import io.segmenta.avro.SegmentModel;
import io.segmenta.avro.TrainingWindow;
import io.segmenta.fitting.Vectors;
import io.segmenta.fitting.assembly.AssemblyInput;
import io.segmenta.fitting.assembly.MemberSample;
import io.segmenta.fitting.assembly.SegmentFit;
import io.segmenta.fitting.assembly.SegmentModelAssembler;
import io.segmenta.fitting.assembly.SegmentModels;
import io.segmenta.fitting.estimate.Estimators;
import io.segmenta.fitting.estimate.SegmentEstimator;
import io.segmenta.fitting.estimate.WarmFit;
import io.segmenta.fitting.features.FeatureColumn;
import io.segmenta.fitting.features.FeatureSpecFitter;
import io.segmenta.fitting.features.SpecAlignment;
import io.segmenta.fitting.lineage.SegmentMatcher;
import io.segmenta.fitting.profile.SegmentLabeler;
import io.segmenta.fitting.profile.SegmentProfile;
import io.segmenta.fitting.profile.SegmentProfiler;
import io.segmenta.fitting.quality.ClusteringMetrics;
import io.segmenta.fitting.select.KSelection;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What to do when a training window closes, as a plain function of a {@link RefitInput}:
 * <ol>
 *   <li>too few sampled customers: nothing ({@link RefitPath#NOT_ENOUGH_DATA});</li>
 *   <li>no parent: fit a spec and a model on the sample, k fixed or chosen ({@link RefitPath#FIRST_FIT});</li>
 *   <li>otherwise refit the parent: merged K-Means partial sums when every worker computed them against the parent
 *       ({@link RefitPath#MERGED_PARTIAL_SUMS}), else a fit on the sample started from the parent, with the spec
 *       re-fitted where it can be ({@link RefitPath#SAMPLE_WARM_START} / {@link RefitPath#SAMPLE_FRESH});</li>
 *   <li>k changes only with sustained evidence: a fit with the k the estimator would choose, whose silhouette beats
 *       the refit's by at least the configured gain, in the configured number of consecutive windows (the count
 *       travels in the models' tags, {@link KProposal}) ({@link RefitPath#K_CHANGED});</li>
 *   <li>the quality gate: a refit whose inertia on the sample exceeds the parent's on the same customers by more
 *       than the configured fraction is not published ({@link RefitPath#REFUSED_BY_GATE});</li>
 *   <li>only clear gains move boundaries: a refit (k unchanged) whose inertia on the sample is not at least the
 *       configured fraction below the parent's is replaced by the parent's own spec and centroids, with this
 *       window's profiles ({@link RefitPath#KEPT_PARENT_GEOMETRY});</li>
 *   <li>stable ids and lineage against the parent (member overlap of the continuing customers on one snapshot),
 *       profiles, labels and quality, by {@link SegmentModelAssembler}.</li>
 * </ol>
 */
public final class RefitPolicy {

    /** Tag of the model that holds the decision in short. */
    public static final String DECISION_TAG = "decision";
    public static final String PRODUCER_TAG = "producer";
    public static final String DROPPED_FEATURES_TAG = "droppedFeatures";
    /** Rows the silhouette (choice of k, the k-change rule, quality) is computed on at most. */
    static final int SILHOUETTE_SAMPLE = 2000;
    /**
     * Without a minimum inertia gain (every refit replaces the geometry), a fit from scratch replaces the warm start
     * or the merged partial sums when its inertia is this much lower (2 %).
     */
    static final double FRESH_FIT_ADVANTAGE = 0.98;

    private final RefitPolicySettings settings;
    private final SegmentModelAssembler assembler;
    private final SegmentEstimator estimator;

    public RefitPolicy(RefitPolicySettings settings, Clock clock) {
        this.settings = settings;
        this.assembler = new SegmentModelAssembler(new SegmentMatcher(), new SegmentLabeler(settings.lifecycle()),
                clock);
        this.estimator = Estimators.forAlgorithm(settings.algorithm());
    }

    public RefitPolicySettings settings() {
        return settings;
    }

    public RefitOutcome apply(RefitInput in) {
        SegmentModel parent = in.parent();
        int needed = settings.minimumSample();
        if (in.sample().size() < needed) {
            return RefitOutcome.withoutModel(RefitPath.NOT_ENOUGH_DATA, "not enough customers yet: "
                    + in.sample().size() + " sampled, " + needed + " needed", SpecRefit.notAttempted(
                    parent == null ? null : parent.getFeatureSpec(), "nothing fitted"));
        }
        TrainingWindow window = in.counts().trainingWindow(parent);
        List<FeatureSource> sources = in.sources();
        return parent == null ? first(sources, window) : refit(in, sources, window);
    }

    private RefitOutcome first(List<FeatureSource> sources, TrainingWindow window) {
        List<FeatureColumn> usable = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (FeatureColumn column : settings.features()) {
            if (SpecRefitter.observed(column, sources)) {
                usable.add(column);
            } else {
                dropped.add(column.name());
            }
        }
        if (usable.isEmpty()) {
            return RefitOutcome.withoutModel(RefitPath.NOT_ENOUGH_DATA, "no feature has an observed value yet",
                    SpecRefit.notAttempted(null, "no parent"));
        }
        // a feature nobody has yet (e.g. no sessions tracked) cannot be fitted: leave it out of this lineage
        FeatureSpec spec = FeatureSpecs.readAt(FeatureSpecFitter.fit(usable, sources, settings.halfLifeDays()),
                settings.readAt());
        double[][] x = vectorize(spec, sources);
        KSelection selection = settings.kMin() == settings.kMax() ? null : selectK(x);
        int k = selection == null ? settings.kMin() : selection.chosenK();
        SegmentFit fit = estimator.fit(x, k, settings.seed());
        Map<String, String> tags = new HashMap<>();
        tags.put(DECISION_TAG, "first model, k=" + k + " (" + (selection == null ? "fixed" : selection.rule()) + ")");
        if (!dropped.isEmpty()) {
            tags.put(DROPPED_FEATURES_TAG, String.join(",", dropped) + " (no observed value in the first window)");
        }
        SpecRefit specRefit = SpecRefit.notAttempted(spec, "a first model fits its own spec");
        SegmentModel model = assemble(spec, fit, x, sources, window, null, null, tags);
        return new RefitOutcome(RefitPath.FIRST_FIT, model, "first model v" + model.getVersion() + " with k=" + k,
                specRefit);
    }

    /** How much lower a fit from scratch's inertia must be to replace the incumbent: the min gain, or 2 %. */
    private double freshAdvantage() {
        return settings.minInertiaGain() > 0 ? 1 - settings.minInertiaGain() : FRESH_FIT_ADVANTAGE;
    }

    private static String percentBelow(double advantage) {
        return String.format(Locale.ROOT, "inertia at least %.0f%%", 100 * (1 - advantage));
    }

    private RefitOutcome refit(RefitInput in, List<FeatureSource> sources, TrainingWindow window) {
        SegmentModel parent = in.parent();
        boolean merged = MergedPartialSums.apply(settings.algorithm(), parent, in.partialSums());
        // workers' partial sums live in the parent's space; a refit from the sample re-fits the spec too
        SpecRefit specRefit = merged
                ? SpecRefit.notAttempted(parent.getFeatureSpec(), "merged partial sums live in the parent's space")
                : SpecRefitter.refit(parent.getFeatureSpec(), settings.features(), sources, settings.halfLifeDays());
        // a changed read time (settings) makes other features of the same columns: the lineage moves to it
        FeatureSpec spec = FeatureSpecs.readAt(specRefit.spec(), settings.readAt());
        SegmentFit parentFit = SegmentModels.read(parent, SpecAlignment.between(parent.getFeatureSpec(), spec));
        double[][] x = vectorize(spec, sources);

        RefitPath path;
        String how;
        SegmentFit fit;
        if (merged) {
            MergedPartialSums.Merged m = MergedPartialSums.merge(parent, in.partialSums(), in.counts().windowEnd(),
                    settings.decayFactor());
            fit = m.fit();
            path = RefitPath.MERGED_PARTIAL_SUMS;
            how = "merged partial sums of " + m.points() + " customers from " + in.partialSums().size() + " workers";
            // partial sums move the parent's centres a step; when the parent sits in a poor optimum (fitted on the
            // first weeks' customers) only a fit from scratch gets out of it, so one competes on the sample. Only
            // where refits must be clearly better to count (min inertia gain > 0), and against the optimum nearest
            // the parent (a warm start run to convergence) as well: on data without sharp clusters a fit from
            // scratch lands in another optimum of about the same inertia, whose boundaries would relabel a large
            // share of the customers for no reason in the data
            if (settings.minInertiaGain() > 0) {
                WarmFit race = estimator.warmFit(x, parentFit, settings.seed(), freshAdvantage());
                if (race.fresh() && inertia(x, race.fit()) < freshAdvantage() * inertia(x, fit)) {
                    fit = race.fit();
                    path = RefitPath.SAMPLE_FRESH;
                    how = "fresh fit on a sample of " + x.length + " (" + percentBelow(freshAdvantage())
                            + " below the warm start and the " + how + ")";
                }
            }
        } else {
            WarmFit warm = estimator.warmFit(x, parentFit, settings.seed(), freshAdvantage());
            fit = warm.fit();
            path = warm.fresh() ? RefitPath.SAMPLE_FRESH : RefitPath.SAMPLE_WARM_START;
            how = (warm.fresh() ? "fresh fit (" + percentBelow(freshAdvantage()) + " below the warm start)"
                    : "warm-started fit") + " on a sample of " + x.length + " (workers had not all computed against v"
                    + parent.getVersion() + ")";
        }

        KProposal proposal = null;
        if (settings.kMin() < settings.kMax()) {
            KSelection selection = selectK(x);
            if (selection.chosenK() != fit.k()) {
                SegmentFit candidate = estimator.fit(x, selection.chosenK(), settings.seed());
                double current = silhouette(x, fit);
                double proposed = silhouette(x, candidate);
                // k may change only with evidence: a clearly better silhouette on this window's sample, and in as
                // many consecutive windows as configured (one window's sample can favour another k by chance)
                if (proposed - current >= settings.minSilhouetteGainForNewK()) {
                    proposal = KProposal.next(KProposal.of(parent), candidate.k());
                    String evidence = String.format(Locale.ROOT, "silhouette %.3f -> %.3f, %d of %d consecutive "
                            + "windows", current, proposed, proposal.windows(), settings.kChangeWindows());
                    if (proposal.windows() >= settings.kChangeWindows()) {
                        how = "k changed " + fit.k() + " -> " + candidate.k() + ": " + evidence;
                        fit = candidate;
                        path = RefitPath.K_CHANGED;
                        proposal = null;
                    } else {
                        how += "; k kept at " + fit.k() + " although k=" + candidate.k() + " won (" + evidence + ")";
                    }
                }
            }
        }

        // quality gate: never publish a refit much worse than its parent on the same customers
        double[][] parentCentroids = parentFit.centroids();
        double parentInertia = ClusteringMetrics.inertia(x, parentCentroids, Vectors.nearest(parentCentroids, x));
        double refitInertia = inertia(x, fit);
        if (refitInertia > parentInertia * (1 + settings.maxInertiaIncrease())) {
            return RefitOutcome.withoutModel(RefitPath.REFUSED_BY_GATE, String.format(Locale.ROOT,
                    "refused refit of v%d (%s): inertia %.1f on the window's sample vs the parent's %.1f (gate +%.0f%%)",
                    parent.getVersion(), how, refitInertia, parentInertia, 100 * settings.maxInertiaIncrease()),
                    specRefit);
        }
        Map<String, String> tags = new HashMap<>();
        if (proposal != null) {
            tags.put(KProposal.TAG, proposal.tagValue());
        }
        double gain = parentInertia > 0 ? 1 - refitInertia / parentInertia : 0;
        if (path != RefitPath.K_CHANGED && settings.minInertiaGain() > 0 && gain < settings.minInertiaGain()) {
            // not clearly better: another local optimum of the same population, whose boundaries would move
            // customers for no reason in the data; the parent's geometry stays, this window's profiles are new
            String kept = String.format(Locale.ROOT, "kept v%d's centroids: the refit (%s) would lower inertia on "
                    + "the window's sample by %.1f%%, under the %.0f%% needed", parent.getVersion(), how, 100 * gain,
                    100 * settings.minInertiaGain());
            tags.put(DECISION_TAG, kept);
            SpecRefit notRefitted = SpecRefit.notAttempted(parent.getFeatureSpec(), "the parent's geometry was kept");
            tags.put(SpecRefit.TAG, notRefitted.tagValue());
            FeatureSpec parentSpec = parent.getFeatureSpec();
            // the vectors and the parent's fit of this refit are already in the parent's space unless the spec moved
            boolean sameSpace = spec.equals(parentSpec);
            double[][] px = sameSpace ? x : vectorize(parentSpec, sources);
            // the parent's segments, sized by this window's sample (the parent's own sizes are last window's)
            SegmentFit parentOwn = (sameSpace ? parentFit : SegmentModels.read(parent)).withSizesOf(px);
            SegmentModel model = assemble(parentSpec, parentOwn, px, sources, window, parent,
                    continuingCustomers(in.sample(), px), tags);
            return new RefitOutcome(RefitPath.KEPT_PARENT_GEOMETRY, model, "v" + model.getVersion() + " from v"
                    + parent.getVersion() + ": " + kept, notRefitted);
        }
        MemberSample members = continuingCustomers(in.sample(), x);
        tags.put(DECISION_TAG, how);
        tags.put(SpecRefit.TAG, specRefit.tagValue());
        SegmentModel model = assemble(spec, fit, x, sources, window, parent, members, tags);
        return new RefitOutcome(path, model, "v" + model.getVersion() + " from v" + parent.getVersion() + ": " + how,
                specRefit);
    }

    private SegmentModel assemble(FeatureSpec spec, SegmentFit fit, double[][] x, List<FeatureSource> sources,
                                  TrainingWindow window, SegmentModel parent, MemberSample members,
                                  Map<String, String> extraTags) {
        int[] labels = fit.assign(x);
        List<SegmentProfile> profiles = SegmentProfiler.profile(sources, settings.numericFeatureNames(),
                settings.categoricalFeatureNames(), labels, fit.k());
        QualityMetrics quality = Estimators.forAlgorithm(fit.algorithm())
                .quality(x, fit, SILHOUETTE_SAMPLE, settings.seed());
        Map<String, String> tags = new HashMap<>(extraTags);
        tags.put(PRODUCER_TAG, settings.producer());
        AssemblyInput in = AssemblyInput.of(settings.modelName(), spec, fit, profiles, quality, window).withTags(tags);
        if (parent != null) {
            in = in.withParent(parent, members);
        }
        return assembler.assemble(in);
    }

    /**
     * The sample for MONIC's member overlap: the two clusterings compared on one snapshot (today's vectors under the
     * parent and under the refit), restricted to customers the parent's lineage had already assigned. Following each
     * customer from the segment she had to where she is now would mix her own moves into the clusters' fate (with
     * unchanged centroids a week of events "killed" segments); counting newcomers would read a new group that the
     * parent puts into one of its segments as a split of that segment rather than a birth.
     */
    private static MemberSample continuingCustomers(List<SampledCustomer> sample, double[][] x) {
        List<double[]> known = new ArrayList<>();
        for (int i = 0; i < sample.size(); i++) {
            if (sample.get(i).hadSegment()) {
                known.add(x[i]);
            }
        }
        // nobody assigned yet (the parent had not reached the workers): today's whole sample is the best there is
        return MemberSample.same(known.isEmpty() ? x : known.toArray(double[][]::new));
    }

    private KSelection selectK(double[][] x) {
        return estimator.selectK(x, settings.kMin(), Math.min(settings.kMax(), x.length - 1), settings.seed(),
                SILHOUETTE_SAMPLE, settings.minSegmentShare());
    }

    private static double inertia(double[][] x, SegmentFit fit) {
        return ClusteringMetrics.inertia(x, fit.centroids(), fit.assign(x));
    }

    private double silhouette(double[][] x, SegmentFit fit) {
        return ClusteringMetrics.silhouette(x, fit.assign(x), SILHOUETTE_SAMPLE, settings.seed()).mean();
    }

    static double[][] vectorize(FeatureSpec spec, List<FeatureSource> sources) {
        FeatureVectorizer vectorizer = FeatureVectorizer.compile(spec);
        double[][] x = new double[sources.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = vectorizer.vectorize(sources.get(i));
        }
        return x;
    }
}
