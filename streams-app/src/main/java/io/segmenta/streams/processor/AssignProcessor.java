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
import io.segmenta.streams.model.ActiveModel;
import io.segmenta.streams.model.CompiledModel;
import io.segmenta.streams.state.CurrentAssignment;
import io.segmenta.streams.state.CustomerState;
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
 *   <li>fold it into the profile, remember its id, and score with the active model, if any: the customer keeps its
 *       current segment unless the best one beats it by the switch margin ({@link AssignerSettings#switchMargin}) at
 *       enough of her events in a row ({@link AssignerSettings#switchPersistence})</li>
 *   <li>emit a {@code SegmentChange} when the segment changed (first assignment included) and a
 *       {@code SegmentAssignment} when the segment or the model version changed</li>
 *   <li>write the state (one store write)</li>
 * </ol>
 * A wall-clock punctuator looks for a new model in the global store and, when one becomes active, walks this
 * task's store in chunks to re-score every customer (cause {@code MODEL_UPDATE}, with the same switch margin): that
 * is also how events that arrived before any model get their first segment.
 */
public final class AssignProcessor implements Processor<String, byte[], String, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(AssignProcessor.class);
    static final int EXPLAIN_TOP = 3;

    private final AssignerSettings settings;
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
    private ActiveModel active;
    private DriftWindow drift;
    private RescorePass pass;
    private String taskId;
    private long seenGeneration = Long.MIN_VALUE;

    public AssignProcessor(AssignerSettings settings, AssignerRuntime runtime, Deserializer<CustomerEvent> events,
                           Deserializer<SegmentModel> models) {
        this.settings = settings;
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
        this.taskId = context.taskId().toString();
        this.active = new ActiveModel(runtime.scorers(), runtime.models(), models, settings.topics().models());
        this.drift = new DriftWindow(taskId, runtime.drift(), settings.driftWindow());
        // A model present at start also starts a pass: it finishes a pass that a crash interrupted; customers already
        // scored by this version are skipped cheaply.
        refreshModel(context.currentSystemTimeMs());
        context.schedule(settings.rescoreInterval(), PunctuationType.WALL_CLOCK_TIME, this::punctuate);
    }

    @Override
    public void process(Record<String, byte[]> record) {
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
        if (!customerId.equals(record.key())) {
            deadLetter(record, "KEY_MISMATCH", AssignProcessor.class.getName(), "record key "
                    + (record.key() == null ? "null" : "'" + record.key() + "'") + " is not the event's customer id '"
                    + customerId + "': the topic must be keyed by customer id (state is partitioned by it)");
            return;
        }
        if (runtime.models().generation() != seenGeneration) {
            refreshModel(now);
        }

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

        CompiledModel model = active.current();
        if (model != null) {
            state = score(customerId, state, model, ChangeCause.EVENT, record.timestamp(), now, true);
        }
        customers.put(customerId, state);
    }

    private void punctuate(long now) {
        refreshModel(now);
        if (pass != null && !pass.done) {
            rescoreChunk(now);
        }
        drift.rollIfDue(now);
    }

    /** Reads the stored model; when a newer valid one becomes active, (re)starts the re-score pass. */
    private void refreshModel(long now) {
        seenGeneration = runtime.models().generation();
        String name = runtime.scorers().compiler().modelName();
        if (active.refresh(modelStore.get(name), now)) {
            CompiledModel model = active.current();
            if (pass != null && !pass.done) {
                LOG.info("Task {}: model v{} arrived during the re-score pass for v{}: restarting the pass",
                        taskId, model.version(), pass.model.version());
            }
            pass = new RescorePass(model, customers.approximateNumEntries());
            runtime.rescore().update(taskId, pass.progress());
            drift.startModel(model.model(), now);
            LOG.info("Task {}: scoring with {} from now on; re-scoring about {} customers", taskId, model,
                    pass.approximateTotal);
        }
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
                customers.put(kv.key, score(kv.key, state, model, ChangeCause.MODEL_UPDATE, now, now, false));
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
     */
    private CustomerState score(String customerId, CustomerState state, CompiledModel model, ChangeCause cause,
                                long outputTimestamp, long now, boolean live) {
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
        SwitchPersistence.Decision persist = previous == null ? SwitchPersistence.Decision.FOLLOW
                : settings.switchPersistence().decide(current, model.scorer().indexOf(current) >= 0,
                        scratch.segmentId(), previous.pendingSegmentId(), previous.pendingWins(), live);
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
        return state.withAssignment(new CurrentAssignment(scratch.segmentId(), scratch.label(), model.name(),
                model.version(), scratch.distance(), scratch.confidence(), now, persist.pendingSegment(),
                persist.pendingWins()));
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
