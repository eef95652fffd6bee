package io.segmenta.benchmarks.quality;

import io.segmenta.assigner.dedup.DedupPolicy;
import io.segmenta.assigner.dedup.RecentEvents;
import io.segmenta.assigner.events.EventValidator;
import io.segmenta.assigner.features.FeatureSpecs;
import io.segmenta.assigner.profile.CustomerProfile;
import io.segmenta.assigner.profile.ProfileFolder;
import io.segmenta.assigner.scoring.Assignment;
import io.segmenta.assigner.scoring.SegmentScorer;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.SegmentModel;
import io.segmenta.fitting.kmeans.BatchKMeans;
import io.segmenta.fitting.kmeans.MiniBatchKMeansModel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rebuilds each customer's profile as of a model's window end with the assigner's pure core (validation, de-duplication
 * by event id, {@link ProfileFolder}, {@link CustomerProfile#asOf}) and scores it with the model's own feature spec
 * and centres ({@link SegmentScorer}): the model's quality independent of when the assigner happened to re-score.
 *
 * <p>Population: every customer with a valid event before the window end. That is what the trainer walks when a
 * window closes (all keys of its profile state, as of the window end), so its fit saw (a sample of) the same
 * customers; restricting to customers active inside the window would measure something the trainer does not fit.
 * Events are folded up to the window end, exclusive; the trainer may already have folded up to its 10 minutes of
 * allowed out-of-orderness beyond it, a difference that does not show at the scale of a window.
 *
 * <p>Models are walked in window-end order and the events folded once, incrementally, so a year of data costs one
 * pass plus one scoring of the population per model.
 */
final class WindowEvaluator {

    /** Lloyd iterations and restarts of the reference batch fit (Smile stops earlier when converged). */
    static final int BATCH_ITERATIONS = 100;
    static final int BATCH_RUNS = 4;

    private final List<CustomerEvent> events;
    private final Truth truth;
    private final long seed;
    private final EventValidator validator = EventValidator.withDefaults();
    private final DedupPolicy dedup = DedupPolicy.DEFAULTS;
    private final long now = System.currentTimeMillis();

    private ProfileFolder folder;
    private Map<String, CustomerProfile> profiles;
    private Map<String, RecentEvents> recent;
    private int next;
    long rejected;
    long duplicates;
    long unscorable;

    /** @param events sorted by event time */
    WindowEvaluator(List<CustomerEvent> events, Truth truth, long seed) {
        this.events = events;
        this.truth = truth;
        this.seed = seed;
    }

    List<WindowScores> evaluate(List<SegmentModel> models) {
        List<SegmentModel> byEnd = new ArrayList<>(models);
        byEnd.sort(Comparator.comparing((SegmentModel m) -> m.getTrainingWindow().getEnd())
                .thenComparingLong(SegmentModel::getVersion));
        List<WindowScores> scores = new ArrayList<>();
        for (SegmentModel model : byEnd) {
            scores.add(score(model));
        }
        scores.sort(Comparator.comparingLong(WindowScores::version));
        return scores;
    }

    private WindowScores score(SegmentModel model) {
        long end = model.getTrainingWindow().getEnd().toEpochMilli();
        double halfLife = model.getFeatureSpec().getHalfLifeDays();
        if (folder == null || folder.halfLifeDays() != halfLife) {
            // another half-life means other counters: fold again from the first event
            folder = new ProfileFolder(halfLife, validator.rules());
            profiles = new TreeMap<>();
            recent = new HashMap<>();
            next = 0;
            rejected = 0;
            duplicates = 0;
        }
        foldUntil(end);
        SegmentScorer scorer = SegmentScorer.compile(model);
        Assignment a = scorer.newAssignment();
        List<String> idList = new ArrayList<>();
        List<Integer> segmentList = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        for (Map.Entry<String, CustomerProfile> e : profiles.entrySet()) {
            try {
                CustomerProfile p = e.getValue();
                scorer.assign(p.asOf(FeatureSpecs.readAtMillis(model.getFeatureSpec(), p.lastEventMillis(), end)), a);
            } catch (IllegalArgumentException notFinite) {
                unscorable++; // the assigner keeps such a customer's previous segment; here it is left out
                continue;
            }
            idList.add(e.getKey());
            segmentList.add(a.segmentId());
            rows.add(a.vector().clone());
        }
        int n = idList.size();
        String[] ids = idList.toArray(String[]::new);
        int[] segments = segmentList.stream().mapToInt(Integer::intValue).toArray();
        double[][] x = rows.toArray(double[][]::new);
        String[] behaviours = new String[n];
        Instant at = Instant.ofEpochMilli(end);
        for (int i = 0; i < n; i++) {
            behaviours[i] = truth.behaviourAt(ids[i], at);
        }
        int k = scorer.segmentCount();
        int[] batch = n >= k && k > 1 ? batchLabels(x, k) : null;
        double ariModelBatch = batch == null ? Double.NaN : ari(segments, batch);
        double ariModel = Double.NaN;
        double ariBatch = Double.NaN;
        List<Integer> known = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            if (behaviours[j] != null) {
                known.add(j);
            }
        }
        if (known.size() >= 2) {
            String[] t = known.stream().map(j -> behaviours[j]).toArray(String[]::new);
            ariModel = QualityMath.ari(t, known.stream().mapToInt(j -> segments[j]).toArray());
            if (batch != null) {
                ariBatch = QualityMath.ari(t, known.stream().mapToInt(j -> batch[j]).toArray());
            }
        }
        return new WindowScores(model.getVersion(), end, ids, segments, behaviours, ariModel, ariBatch, ariModelBatch);
    }

    private void foldUntil(long end) {
        while (next < events.size() && events.get(next).getEventTime().toEpochMilli() < end) {
            CustomerEvent e = events.get(next++);
            if (validator.validate(e, now).check().rejects()) {
                rejected++;
                continue;
            }
            CustomerProfile p = profiles.computeIfAbsent(e.getCustomerId(), id -> folder.newProfile());
            RecentEvents r = recent.computeIfAbsent(e.getCustomerId(), id -> dedup.newRecentEvents());
            if (!dedup.admit(r, e.getEventId(), e.getEventTime().toEpochMilli(), p.lastEventMillis())) {
                duplicates++;
                continue;
            }
            folder.fold(p, e);
        }
    }

    /** The project's batch K-Means (Smile, k-means++, restarts) with the model's k on the same scaled vectors. */
    private int[] batchLabels(double[][] x, int k) {
        MiniBatchKMeansModel fit = BatchKMeans.fit(x, k, BATCH_ITERATIONS, BATCH_RUNS, seed);
        return fit.predict(x);
    }

    private static double ari(int[] a, int[] b) {
        return io.segmenta.fitting.quality.ClusteringMetrics.adjustedRandIndex(a, b);
    }
}
