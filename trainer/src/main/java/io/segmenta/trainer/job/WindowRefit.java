package io.segmenta.trainer.job;

import io.segmenta.assigner.drift.DriftAccumulator;
import io.segmenta.avro.DriftReport;
import io.segmenta.avro.SegmentModel;
import io.segmenta.fitting.kmeans.KMeansPartialSums;
import io.segmenta.fitting.refit.RefitInput;
import io.segmenta.fitting.refit.RefitOutcome;
import io.segmenta.fitting.refit.RefitPolicy;
import io.segmenta.fitting.refit.SampledCustomer;
import io.segmenta.fitting.refit.WindowCounts;
import io.segmenta.fitting.refit.WorkerPartialSums;
import io.segmenta.trainer.config.TrainerSettings;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The reducer's step when a training window closes: the workers' {@link WindowStats} become a {@link RefitInput}
 * for the {@link RefitPolicy} (which decides and builds the model), and their drift counts become the drift report
 * against the parent. No Flink types, so it is tested directly.
 */
public final class WindowRefit {

    /** What the window produced: the policy's outcome (a model to publish, or why none) and a drift report (or none). */
    public record Outcome(RefitOutcome refit, DriftReport drift) {

        public SegmentModel model() {
            return refit.model();
        }

        public boolean published() {
            return refit.published();
        }

        public String decision() {
            return refit.decision();
        }
    }

    private final TrainerSettings settings;
    private final RefitPolicy policy;
    private final Clock clock;

    public WindowRefit(TrainerSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.policy = new RefitPolicy(settings.refitPolicy(), clock);
    }

    /**
     * @param stats  one entry per worker, all for the same window
     * @param parent the model in force, or null before the first one
     */
    public Outcome apply(List<WindowStats> stats, SegmentModel parent) {
        RefitInput input = input(stats, parent);
        DriftReport drift = drift(stats, parent, input.counts());
        return new Outcome(policy.apply(input), drift);
    }

    RefitInput input(List<WindowStats> stats, SegmentModel parent) {
        List<SampledCustomer> sample = new ArrayList<>();
        List<WorkerPartialSums> sums = new ArrayList<>();
        long customers = 0;
        long events = 0;
        long firstEvent = Long.MAX_VALUE;
        long eventsEver = 0;
        long firstEventEver = Long.MAX_VALUE;
        List<String> numeric = settings.numericFeatureNames();
        List<String> categorical = settings.categoricalFeatureNames();
        for (WindowStats s : stats) {
            for (SampleRow row : s.sample) {
                int previous = row.previousSegment == SampleRow.NONE ? SampledCustomer.NONE : row.previousSegment;
                sample.add(new SampledCustomer(row.asSource(numeric, categorical), previous));
            }
            sums.add(new WorkerPartialSums(s.modelVersion, new KMeansPartialSums.Snapshot(s.sums, s.counts,
                    s.inertia, s.points, s.candidatePoints, s.candidateKeys)));
            customers += s.customers;
            events += s.events;
            firstEvent = Math.min(firstEvent, s.firstEventTime);
            eventsEver += s.eventsEver;
            firstEventEver = Math.min(firstEventEver, s.firstEventEver);
        }
        WindowCounts counts = new WindowCounts(stats.get(0).windowEnd, customers, events, firstEvent, eventsEver,
                firstEventEver);
        return new RefitInput(sample, sums, counts, parent);
    }

    /** Drift against the parent, when every worker assigned its customers with it. */
    private DriftReport drift(List<WindowStats> stats, SegmentModel parent, WindowCounts counts) {
        if (parent == null || !stats.stream().allMatch(s -> s.modelVersion == parent.getVersion())) {
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
        long windowEnd = counts.windowEnd();
        long start = Math.min(windowEnd - settings.window().toMillis(), counts.firstEventTime());
        return drift.report(Instant.ofEpochMilli(start), Instant.ofEpochMilli(windowEnd), clock.instant());
    }
}
