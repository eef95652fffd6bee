package io.segmenta.streams.processor;

import io.segmenta.assigner.dedup.DedupPolicy;
import io.segmenta.assigner.events.EventValidator;
import io.segmenta.assigner.events.EventVerdict;
import io.segmenta.assigner.profile.CustomerProfile;
import io.segmenta.assigner.profile.ProfileFolder;
import io.segmenta.assigner.scoring.Assignment;
import io.segmenta.assigner.scoring.SwitchPersistence;
import io.segmenta.avro.ChangeCause;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.FeatureContribution;
import io.segmenta.avro.SegmentModel;
import io.segmenta.schemas.serde.WireFormatException;
import io.segmenta.streams.AssignerRuntime;
import io.segmenta.streams.AssignerSettings;
import io.segmenta.streams.model.CompiledModel;
import io.segmenta.streams.model.TaskModels;
import io.segmenta.streams.state.CurrentAssignment;
import io.segmenta.streams.state.CustomerState;
import io.segmenta.streams.state.SegmentHistory;
import io.segmenta.streams.state.TaskClock;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The assigner's hot path, one instance per task. For each record of the events topic:
 * <ol>
 *   <li>decode; bad bytes go to the dead-letter topic with the wire-format reason (an unreachable schema registry
 *       is not bad bytes: that exception propagates and fails the task, which Streams retries)</li>
 *   <li>validate ({@link EventValidator}); a rejected event, or one whose record key is not its customer id (state
 *       is partitioned by that key), is dead-lettered</li>
 *   <li>read the customer's state (one store read), drop the event if its id is remembered (duplicate)</li>
 *   <li>fold it into the profile, remember its id, and score with the model of the task's event time, if any
 *       ({@link io.segmenta.streams.model.ModelTimeline#at}: the newest version whose training window ended by then): the customer keeps its
 *       current segment unless the best one beats it by the switch margin ({@link AssignerSettings#switchMargin}) at
 *       enough of her events in a row ({@link AssignerSettings#switchPersistence})</li>
 *   <li>emit a {@code SegmentChange} when the segment changed (first assignment included), appended to the
 *       customer's bounded history (store {@value NodeNames#HISTORY_STORE}), and a
 *       {@code SegmentAssignment} when the segment or the model version changed</li>
 *   <li>write the state (one store write)</li>
 * </ol>
 * <p>Which model scores is a matter of event time. The task's stream time is the latest event time it has
 * processed; the model in force is the newest version valid at that time. A model takes over in two ways, and
 * either way every customer of the task is re-scored with it (cause {@code MODEL_UPDATE}, with the same switch
 * margin; that is also how customers whose events came before any model get their first segment):
 * <ul>
 *   <li>an event carries the stream time past the start of a version already known (a replay, or an assigner
 *       behind the trainer): the re-score pass runs at once, before that event is scored, so the changes depend on
 *       the events and the model history only, not on speed;</li>
 *   <li>a version arrives whose validity the stream time has already entered (live: the trainer publishes after
 *       the window it learned from): a wall-clock punctuator walks the store in chunks, as events go on. What
 *       the events in between were scored with is the correction a replay does not make (metric
 *       {@code segmenta.assigner.model.takeovers}, {@code timing=late}).</li>
 * </ul>
 * The version in force and the stream time it took over at are kept in a small store ({@value
 * NodeNames#TASK_CLOCK_STORE}), so a restarted task goes on from there rather than re-scoring from scratch.
 */
public final class AssignProcessor implements Processor<String, byte[], String, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(AssignProcessor.class);
    static final int EXPLAIN_TOP = 3;

    private final AssignerSettings settings;
    private final EventScope scope;
    private final AssignerRuntime runtime;
    private final Deserializer<CustomerEvent> events;
    private final Deserializer<SegmentModel> models;
    private final EventValidator validator = EventValidator.withDefaults();
    private final ProfileFolder folder;
    private final DedupPolicy dedup;
    /** Reused for every scoring of this task: the scorer writes into it without allocating. */
    private final Assignment scratch = new Assignment();

    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, CustomerState> customers;
    private KeyValueStore<String, byte[]> modelStore;
    private KeyValueStore<String, byte[]> historyStore;
    private KeyValueStore<String, byte[]> clockStore;
    private KeyValueStore<String, SegmentHistory> historyOfCustomers;
    private TaskModels versions;
    /** The version in force: the newest valid at {@link #streamTime} among those known; null before the first. */
    private CompiledModel entered;
    /** The latest event time this task has processed (Long.MIN_VALUE before any). */
    private long streamTime = Long.MIN_VALUE;
    private DriftWindow drift;
    private RescorePass pass;
    private String taskId;
    private long seenGeneration = Long.MIN_VALUE;

    public AssignProcessor(AssignerSettings settings, AssignerRuntime runtime, Deserializer<CustomerEvent> events,
                           Deserializer<SegmentModel> models, EventScope scope) {
        this.settings = settings;
        this.scope = scope;
        this.runtime = runtime;
        this.events = events;
        this.models = models;
        this.folder = new ProfileFolder(settings.halfLifeDays(), validator.rules());
        this.dedup = settings.dedup();
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.customers = context.getStateStore(NodeNames.CUSTOMERS_STORE);
        this.modelStore = context.getStateStore(NodeNames.MODELS_STORE);
        this.historyStore = context.getStateStore(NodeNames.MODEL_HISTORY_STORE);
        this.clockStore = context.getStateStore(NodeNames.TASK_CLOCK_STORE);
        this.historyOfCustomers = context.getStateStore(NodeNames.HISTORY_STORE);
        this.taskId = context.taskId().toString();
        this.versions = new TaskModels(runtime.scorers(), runtime.models(), models, settings.topics().models(),
                scope.pinnedVersion());
        this.drift = new DriftWindow(taskId, runtime.drift(), settings.driftWindow());
        long now = context.currentSystemTimeMs();
        seenGeneration = runtime.models().generation();
        versions.refresh(historyStore, modelStore, true, now);
        resumeClock(now);
        context.schedule(settings.rescoreInterval(), PunctuationType.WALL_CLOCK_TIME, this::punctuate);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (!scope.endOffsets().isEmpty() && context.recordMetadata()
                .map(m -> scope.pastEnd(m.partition(), m.offset())).orElse(false)) {
            runtime.metrics().skippedOutOfScope();
            return;
        }
        runtime.metrics().event();
        CustomerEvent event;
        try {
            event = events.deserialize(settings.topics().events(), record.value());
        } catch (WireFormatException e) {
            WireFormatException located = context.recordMetadata().map(m -> e.at(m.partition(), m.offset())).orElse(e);
            deadLetter(record, e.reason().name(), e.getClass().getName(), located.getMessage());
            return;
        }
        long now = context.currentSystemTimeMs();
        EventVerdict verdict = validator.validate(event, now);
        if (!verdict.accepted()) {
            deadLetter(record, verdict.check().name(), EventValidator.class.getName(), verdict.message());
            return;
        }
        String customerId = event.getCustomerId();
        if (!scope.admits(customerId, event.getEventTime().toEpochMilli())) {
            runtime.metrics().skippedOutOfScope();
            return;
        }
        if (!customerId.equals(record.key())) {
            deadLetter(record, "KEY_MISMATCH", AssignProcessor.class.getName(), "record key "
                    + (record.key() == null ? "null" : "'" + record.key() + "'") + " is not the event's customer id '"
                    + customerId + "': the topic must be keyed by customer id (state is partitioned by it)");
            return;
        }
        if (runtime.models().generation() != seenGeneration) {
            refreshModels(now);
        }
        advanceStreamTime(event.getEventTime().toEpochMilli(), now);

        CustomerState state = customers.get(customerId);
        if (state == null || state.profile().halfLifeDays() != folder.halfLifeDays()) {
            if (state != null) {
                LOG.warn("Customer {}: profile was folded with a half-life of {} days, now {}: starting it again",
                        customerId, state.profile().halfLifeDays(), folder.halfLifeDays());
            }
            state = CustomerState.empty(folder.newProfile(), settings.dedupSize());
        }
        CustomerProfile profile = state.profile();
        if (!dedup.admit(state.recentEvents(), event.getEventId(), event.getEventTime().toEpochMilli(),
                profile.lastEventMillis())) {
            runtime.metrics().duplicate();
            return;
        }
        folder.fold(profile, event);

        CompiledModel model = entered;
        if (model != null) {
            state = score(customerId, state, model, ChangeCause.EVENT, record.timestamp(), now, true,
                    profile.lastEventMillis());
        }
        customers.put(customerId, state);
    }

    private void punctuate(long now) {
        refreshModels(now);
        if (pass != null && !pass.done) {
            rescoreChunk(now);
        }
        drift.rollIfDue(now);
    }

    /** Reads the global stores; a version that arrived after the stream time entered its validity takes over now. */
    private void refreshModels(long now) {
        boolean full = runtime.models().generation() != seenGeneration;
        seenGeneration = runtime.models().generation();
        if (versions.refresh(historyStore, modelStore, full, now) && streamTime != Long.MIN_VALUE) {
            CompiledModel due = versions.timeline().at(streamTime);
            if (isNewer(due)) {
                enter(due, Takeover.LATE, now);
            }
        }
    }

    /**
     * Moves the stream time to an event's time. When that carries it past the start of a version already known,
     * the version takes over before the event is scored, with a complete re-score pass: the same in a replay as in
     * a live run that had the model in time.
     */
    private void advanceStreamTime(long eventTime, long now) {
        if (eventTime <= streamTime) {
            return;
        }
        long before = streamTime;
        streamTime = eventTime;
        CompiledModel due = versions.timeline().at(streamTime);
        if (isNewer(due)) {
            // the task's first event finds the store as a replay would (empty, or restored without a clock): at once
            boolean reached = before == Long.MIN_VALUE || versions.timeline().startOf(due) > before;
            enter(due, reached ? Takeover.IN_TIME : Takeover.LATE, now);
        }
    }

    private boolean isNewer(CompiledModel candidate) {
        return candidate != null && (entered == null || candidate.version() > entered.version());
    }

    /** How a version came to be in force, which decides how its re-score pass runs. */
    private enum Takeover {
        /** The events reached its validity: everyone is re-scored at once, before the event that reached it. */
        IN_TIME,
        /** It arrived after its validity began: re-scored in chunks by the punctuator, as events go on. */
        LATE,
        /** The version a restarted task kept: the pass resumes in chunks and skips whoever it already scored. */
        RESUMED
    }

    /** {@code model} is in force from now on: re-score everyone, at once or in chunks by the punctuator. */
    private void enter(CompiledModel model, Takeover takeover, long now) {
        boolean atOnce = takeover == Takeover.IN_TIME;
        if (pass != null && !pass.done) {
            LOG.info("Task {}: model v{} takes over during the re-score pass for v{}: restarting the pass",
                    taskId, model.version(), pass.model.version());
        }
        entered = model;
        runtime.models().activated(model);
        if (takeover != Takeover.RESUMED) {
            // unchanged when resumed (and a store is not written from init, outside any record)
            clockStore.put(taskId, TaskClock.encode(model.version(), streamTime));
            runtime.metrics().takeover(takeover == Takeover.LATE);
        }
        // when the new segments take effect in event time: where the model's validity starts when the events reached
        // it (the same in any replay), else the stream time it arrived at (a pinned version is valid from always)
        long effective = takeover == Takeover.IN_TIME ? versions.timeline().startOf(model) : streamTime;
        pass = new RescorePass(model, customers.approximateNumEntries(), effective);
        runtime.rescore().update(taskId, pass.progress());
        drift.startModel(model.model(), now);
        LOG.info("Task {}: scoring with {} from stream time {}; re-scoring about {} customers {}", taskId, model,
                java.time.Instant.ofEpochMilli(streamTime), pass.approximateTotal,
                switch (takeover) {
                    case IN_TIME -> "now (the events reached its validity)";
                    case LATE -> "in chunks (it arrived after its validity began)";
                    case RESUMED -> "in chunks (resumed after a restart)";
                });
        if (atOnce) {
            while (!pass.done) {
                rescoreChunk(now);
            }
        }
    }

    /**
     * A restarted task goes on with the version and stream time it kept; the pass starts again and skips the
     * customers this version already scored (it finishes a pass that a crash interrupted).
     */
    private void resumeClock(long now) {
        byte[] kept = clockStore.get(taskId);
        if (kept == null) {
            return;
        }
        TaskClock clock = TaskClock.decode(kept);
        CompiledModel model = versions.timeline().models().stream().filter(m -> m.version() == clock.version())
                .findFirst().orElse(null);
        streamTime = clock.streamTime();
        if (model == null) {
            LOG.warn("Task {}: the version it scored with, v{}, is no longer known; the model of stream time {} takes over",
                    taskId, clock.version(), java.time.Instant.ofEpochMilli(streamTime));
            model = versions.timeline().at(streamTime);
            if (model == null) {
                return;
            }
        }
        enter(model, Takeover.RESUMED, now);
    }

    /**
     * Re-scores the next chunk of customers with the pass's model. The chunk is read first and written after the
     * iterator is closed: writing into a store while iterating over it is not something to rely on.
     */
    private void rescoreChunk(long now) {
        int chunkSize = settings.rescoreChunk();
        List<KeyValue<String, CustomerState>> chunk = new ArrayList<>(Math.min(chunkSize, 1024));
        boolean exhausted;
        try (KeyValueIterator<String, CustomerState> it = pass.cursor == null
                ? customers.all() : customers.range(pass.cursor, null)) {
            while (chunk.size() < chunkSize && it.hasNext()) {
                KeyValue<String, CustomerState> kv = it.next();
                if (!kv.key.equals(pass.cursor)) {
                    chunk.add(kv);
                }
            }
            exhausted = !it.hasNext();
        }
        CompiledModel model = pass.model;
        for (KeyValue<String, CustomerState> kv : chunk) {
            CustomerState state = kv.value;
            boolean current = state.hasAssignment() && state.assignment().sameModel(model.name(), model.version());
            if (!current && !state.profile().isEmpty()) {
                customers.put(kv.key, score(kv.key, state, model, ChangeCause.MODEL_UPDATE, now, now, false,
                        Math.max(pass.effectiveMillis, state.profile().lastEventMillis())));
            }
        }
        pass.advance(chunk.isEmpty() ? null : chunk.getLast().key, chunk.size(), exhausted);
        runtime.metrics().rescored(chunk.size());
        runtime.rescore().update(taskId, pass.progress());
        if (pass.done) {
            LOG.info("Task {}: re-score pass for {} done, {} customers walked", taskId, model, pass.walked);
        }
    }

    /**
     * Scores the customer, emits what changed and returns the state with the new assignment. Features are read as
     * of {@link CompiledModel#asOfMillis}: deterministic, so a replay emits the same segments.
     *
     * @param effectiveMillis when a change takes effect in event time, for the customer's history
     */
    private CustomerState score(String customerId, CustomerState state, CompiledModel model, ChangeCause cause,
                                long outputTimestamp, long now, boolean live, long effectiveMillis) {
        CustomerProfile profile = state.profile();
        CurrentAssignment previous = state.assignment();
        long readAt = model.asOfMillis(profile);
        if (previous == null && readAt - profile.firstEventMillis() < settings.minHistory().toMillis()) {
            return state; // too young a profile for a first segment (segmenta.assign.min-history)
        }
        int current = previous == null ? Assignment.NO_SEGMENT : previous.segmentId();
        long start = System.nanoTime();
        try {
            // the margin holds a customer near a boundary where it is, whether an event or a refit moved it there
            model.scorer().assign(profile.asOf(readAt), current, settings.switchMargin(), scratch);
        } catch (IllegalArgumentException e) {
            // a profile the model cannot score (non-finite vector) keeps its previous assignment; never loses the event
            LOG.warn("Customer {}: {} cannot score the profile: {}", customerId, model, e.getMessage());
            return state;
        }
        // her own events are the evidence for a move: the new segment must win at enough of them in a row
        SwitchPersistence persistence = settings.switchPersistence();
        SwitchPersistence.Decision persist = previous == null ? SwitchPersistence.Decision.FOLLOW
                : persistence.decide(current, model.scorer().indexOf(current) >= 0, scratch.segmentId(),
                        previous.pendingSegmentId(), previous.pendingWins(), live,
                        persistence.isReversal(scratch.segmentId(), previous.leftSegmentId(), previous.sinceMillis(),
                                profile.lastEventMillis()));
        if (persist.hold()) {
            model.scorer().hold(scratch.vector(), current, scratch);
        }
        runtime.metrics().scored(System.nanoTime() - start);
        if (scratch.heldBack()) {
            runtime.metrics().switchHeld(cause);
        }

        boolean moved = previous == null || previous.segmentId() != scratch.segmentId();
        boolean newModel = previous == null || !previous.sameModel(model.name(), model.version());
        long eventMillis = profile.lastEventMillis();
        if (moved) {
            context.forward(new Record<>(customerId,
                    SegmentOutputs.change(customerId, previous, scratch, model, cause, eventMillis, now),
                    outputTimestamp), NodeNames.CHANGES_SINK);
            runtime.metrics().change(cause);
            remember(customerId, new SegmentHistory.Transition(effectiveMillis,
                    previous == null ? Assignment.NO_SEGMENT : previous.segmentId(), scratch.segmentId(),
                    scratch.label(), model.version(), cause));
        }
        if (moved || newModel) {
            List<FeatureContribution> explanation = model.scorer().explain(scratch.vector(), scratch, EXPLAIN_TOP);
            context.forward(new Record<>(customerId,
                    SegmentOutputs.assignment(customerId, scratch, model, explanation, eventMillis, now),
                    outputTimestamp), NodeNames.ASSIGNMENTS_SINK);
        }
        if (live) {
            drift.add(scratch, moved);
        }
        // the segment she left and when she entered this one: a move back soon after is a reversal
        int left = moved ? (previous == null ? Assignment.NO_SEGMENT : previous.segmentId()) : previous.leftSegmentId();
        long since = moved ? effectiveMillis : previous.sinceMillis();
        return state.withAssignment(new CurrentAssignment(scratch.segmentId(), scratch.label(), model.name(),
                model.version(), scratch.distance(), scratch.confidence(), now, persist.pendingSegment(),
                persist.pendingWins(), left, since));
    }

    /** Appends to the customer's bounded history: one read and one write per change, none per event. */
    private void remember(String customerId, SegmentHistory.Transition transition) {
        if (settings.historySize() == 0) {
            return;
        }
        SegmentHistory kept = historyOfCustomers.get(customerId);
        historyOfCustomers.put(customerId, (kept == null ? SegmentHistory.EMPTY : kept)
                .append(transition, settings.historySize()));
    }

    private void deadLetter(Record<String, byte[]> record, String reason, String errorClass, String message) {
        context.forward(DeadLetters.of(record, context.recordMetadata(), reason, errorClass, message),
                NodeNames.DEAD_LETTER_SINK);
        runtime.metrics().deadLetter(reason);
        LOG.debug("Dead-lettered a record of {}: {} {}", settings.topics().events(), reason, message);
    }

    @Override
    public void close() {
        if (drift != null) {
            drift.close();
        }
        if (taskId != null) {
            runtime.rescore().remove(taskId);
        }
    }
}
