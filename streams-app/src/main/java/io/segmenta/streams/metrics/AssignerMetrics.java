package io.segmenta.streams.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.segmenta.avro.ChangeCause;
import io.segmenta.streams.model.ModelBoard;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The assigner's own meters (Prometheus names in brackets):
 * <ul>
 *   <li>{@code segmenta.assigner.events} [{@code segmenta_assigner_events_total}]: records read from the events
 *       topic, good or bad; its rate is events/s</li>
 *   <li>{@code segmenta.assigner.assignments}: scorings (live and re-score)</li>
 *   <li>{@code segmenta.assigner.changes} tagged {@code cause}: segment changes emitted</li>
 *   <li>{@code segmenta.assigner.switches.held} tagged {@code cause}: scorings that kept the customer's segment
 *       because the best one did not beat it by the switch margin (changes the plain best segment would have made)</li>
 *   <li>{@code segmenta.assigner.dead.letters} tagged {@code reason}: records sent to the dead-letter topic</li>
 *   <li>{@code segmenta.assigner.duplicates}: events dropped as replays of a remembered event id</li>
 *   <li>{@code segmenta.assigner.score.latency}: time to vectorize and score one profile</li>
 *   <li>{@code segmenta.assigner.rescored}: customers walked by re-score passes;
 *       {@code segmenta.assigner.rescore.progress}: 0..1 of the running passes (1 when none runs)</li>
 *   <li>{@code segmenta.assigner.model.version}: active model version (0 before the first model)</li>
 *   <li>{@code segmenta.assigner.drift.psi}, {@code .drift.change.rate}, {@code .drift.mean.distance},
 *       {@code .drift.assignments}: the latest finished drift window, over this process's tasks</li>
 * </ul>
 * Counters are Micrometer's lock-free adders: safe and cheap on the per-event path.
 */
public final class AssignerMetrics {

    private final MeterRegistry registry;
    private final Counter events;
    private final Counter assignments;
    private final Counter duplicates;
    private final Counter rescored;
    private final Counter outOfScope;
    private final Counter takeoversInTime;
    private final Counter takeoversLate;
    private final Timer scoreLatency;
    private final Map<ChangeCause, Counter> changes = new EnumMap<>(ChangeCause.class);
    private final Map<ChangeCause, Counter> held = new EnumMap<>(ChangeCause.class);

    public AssignerMetrics(MeterRegistry registry, ModelBoard models, LiveDrift drift, RescoreProgress rescore) {
        this.registry = registry;
        this.events = Counter.builder("segmenta.assigner.events")
                .description("Records read from the customer events topic").register(registry);
        this.assignments = Counter.builder("segmenta.assigner.assignments")
                .description("Customer scorings, live and re-score").register(registry);
        this.duplicates = Counter.builder("segmenta.assigner.duplicates")
                .description("Events dropped as duplicates of a remembered event id").register(registry);
        this.rescored = Counter.builder("segmenta.assigner.rescored")
                .description("Customers walked by re-score passes after a model update").register(registry);
        this.outOfScope = Counter.builder("segmenta.assigner.out.of.scope")
                .description("Records a replay skipped: outside its time range, customers or end offsets").register(registry);
        this.takeoversInTime = Counter.builder("segmenta.assigner.model.takeovers").tag("timing", "in-time")
                .description("Model versions that took over a task when its events reached their validity "
                        + "(in-time) or that arrived after it had begun (late: the events in between were scored "
                        + "with the previous version, which a replay corrects)").register(registry);
        this.takeoversLate = Counter.builder("segmenta.assigner.model.takeovers").tag("timing", "late")
                .description("Model versions that took over a task when its events reached their validity "
                        + "(in-time) or that arrived after it had begun (late: the events in between were scored "
                        + "with the previous version, which a replay corrects)").register(registry);
        this.scoreLatency = Timer.builder("segmenta.assigner.score.latency")
                .description("Time to vectorize and score one profile").register(registry);
        for (ChangeCause cause : ChangeCause.values()) {
            changes.put(cause, Counter.builder("segmenta.assigner.changes").tag("cause", cause.name())
                    .description("Segment changes emitted").register(registry));
            held.put(cause, Counter.builder("segmenta.assigner.switches.held").tag("cause", cause.name())
                    .description("Scorings that kept the current segment: the best did not beat it by the margin")
                    .register(registry));
        }
        Gauge.builder("segmenta.assigner.model.version", models,
                        m -> m.active().map(a -> (double) a.version()).orElse(0.0))
                .description("Version of the active model (0: none yet)").register(registry);
        Gauge.builder("segmenta.assigner.rescore.progress", rescore, r -> r.summary().progress())
                .description("Re-score progress after a model update, 0..1").register(registry);
        Gauge.builder("segmenta.assigner.drift.psi", drift, d -> d.summary().map(s -> s.stats().psi()).orElse(0.0))
                .description("PSI of live segment shares vs training shares, latest window").register(registry);
        Gauge.builder("segmenta.assigner.drift.change.rate", drift,
                        d -> d.summary().map(s -> s.stats().changeRate()).orElse(0.0))
                .description("Segment changes per assignment, latest window").register(registry);
        Gauge.builder("segmenta.assigner.drift.mean.distance", drift,
                        d -> d.summary().map(s -> s.stats().meanDistance()).orElse(0.0))
                .description("Mean distance to the assigned centre, latest window").register(registry);
        Gauge.builder("segmenta.assigner.drift.assignments", drift,
                        d -> d.summary().map(s -> (double) s.stats().assignments()).orElse(0.0))
                .description("Live assignments in the latest window").register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void event() {
        events.increment();
    }

    public void scored(long nanos) {
        assignments.increment();
        scoreLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void change(ChangeCause cause) {
        changes.get(cause).increment();
    }

    public void switchHeld(ChangeCause cause) {
        held.get(cause).increment();
    }

    public void deadLetter(String reason) {
        // the reasons are a small closed set (wire-format reasons, event checks): a safe tag
        registry.counter("segmenta.assigner.dead.letters", "reason", reason).increment();
    }

    public void duplicate() {
        duplicates.increment();
    }

    public void rescored(long customers) {
        rescored.increment(customers);
    }

    /** A replay skipped a record outside its range. */
    public void skippedOutOfScope() {
        outOfScope.increment();
    }

    /** A model version took over a task: reached by its events in time, or arrived late. */
    public void takeover(boolean late) {
        (late ? takeoversLate : takeoversInTime).increment();
    }

    // readers for tests and the HTTP API

    public double events() {
        return events.count();
    }

    public double duplicates() {
        return duplicates.count();
    }

    public double changes(ChangeCause cause) {
        return changes.get(cause).count();
    }

    public double switchesHeld(ChangeCause cause) {
        return held.get(cause).count();
    }

    public double deadLetters() {
        return registry.find("segmenta.assigner.dead.letters").counters().stream().mapToDouble(Counter::count).sum();
    }

    public double rescored() {
        return rescored.count();
    }

    public double outOfScope() {
        return outOfScope.count();
    }

    public double takeovers(boolean late) {
        return (late ? takeoversLate : takeoversInTime).count();
    }
}
