package io.segmenta.trainer.job;

import io.segmenta.assigner.dedup.DedupPolicy;
import io.segmenta.assigner.features.FeatureSpecs;
import io.segmenta.assigner.profile.CustomerProfile;
import io.segmenta.assigner.profile.ProfileFolder;
import io.segmenta.assigner.profile.ProfileSnapshot;
import io.segmenta.assigner.scoring.Assignment;
import io.segmenta.assigner.scoring.SegmentScorer;
import io.segmenta.avro.Algorithm;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.FeatureTime;
import io.segmenta.avro.SegmentModel;
import io.segmenta.fitting.kmeans.KMeansPartialSums;
import io.segmenta.fitting.refit.MergedPartialSums;
import io.segmenta.schemas.registry.RestSchemaRegistryClient;
import io.segmenta.schemas.serde.AvroDeserializer;
import io.segmenta.trainer.config.TrainerSettings;
import io.segmenta.trainer.events.DecodedEvent;
import io.segmenta.trainer.events.EventPayloads;
import io.segmenta.trainer.events.RawRecord;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Keeps every customer's profile (keyed state, the core's fold and de-duplication by event id, so the features are
 * the assigner's: a replayed event is dropped and counted, metric {@code duplicates}) and, when the
 * event-time watermark passes the end of a training window, walks all of this worker's customers once: vectors as
 * of the window end, K-Means partial sums and drift counts against the model in force, and a bounded sample. Only
 * those k x d numbers and the sample travel to the reducer, so the per-customer work scales with parallelism.
 *
 * <p>A custom operator rather than a process function because it needs a hook that runs after all events before a
 * watermark (timers fire per key; this needs one pass per worker). Input 2 is the {@code segment-models} topic,
 * broadcast: the loop from the reducer's output back to the workers closes through Kafka. Its watermarks are
 * ignored: models carry no event time.
 *
 * <p>Keyed state: {@value #DEFERRED_STATE} (events of a window after the open one, with an event-time timer at
 * that window's end), {@value #CUSTOMER_STATE} ({@link TrainerCustomerState}'s bytes, written per event) and
 * {@value #LAST_SEGMENT_STATE} (the segment of the latest window close, written only when it changes, so that the
 * pass never re-encodes a profile). State of the earlier layout ({@value #LEGACY_CUSTOMER_STATE}: segment and profile
 * in one entry, no event ids) is refused when restored, rather than read wrongly or silently dropped.
 */
public final class ProfileOperator extends AbstractStreamOperator<WindowStats>
        implements TwoInputStreamOperator<DecodedEvent, RawRecord, WindowStats>, Triggerable<String, VoidNamespace> {

    private static final Logger LOG = LoggerFactory.getLogger(ProfileOperator.class);
    static final String CUSTOMER_STATE = "customer-events";
    static final String LAST_SEGMENT_STATE = "last-segment";
    static final String LEGACY_CUSTOMER_STATE = "customer";
    static final String DEFERRED_STATE = "deferred-events";

    private final TrainerSettings settings;
    private final Map<String, String> registryConfig;
    private final ModelBootstrap bootstrap;

    private transient ValueStateDescriptor<byte[]> customerDescriptor;
    private transient ValueState<byte[]> customer;
    private transient ValueState<Integer> lastSegment;
    private transient ListState<DecodedEvent> deferred;
    private transient InternalTimerService<VoidNamespace> windowTimers;
    private transient long windowMillis;
    /** End of the window still open (the first one the watermark has not passed); MIN_VALUE before any watermark. */
    private transient long openWindowEnd;
    private transient DedupPolicy dedup;
    private transient Counter duplicates;
    private transient long duplicatesInWindow;
    private transient Counter late;
    private transient long lateInWindow;
    private transient ListState<byte[]> modelState;
    private transient ListState<Long> lastWindowState;
    private transient ListState<long[]> eventsSeenState;
    private transient ProfileFolder folder;
    private transient EventPayloads payloads;
    private transient AvroDeserializer<SegmentModel> modelDeserializer;
    private transient SegmentModel model;
    private transient SegmentScorer scorer;
    private transient long lastWindowEnd;
    private transient long eventsInWindow;
    private transient long firstEventInWindow;
    private transient long maxEventTime;
    private transient long firstEventEver;
    private transient long eventsEver;
    /** Earliest and latest event time this worker received, folded or still deferred: where its windows start and end. */
    private transient long firstSeen;
    private transient long lastSeen;

    public ProfileOperator(TrainerSettings settings, Map<String, String> registryConfig, ModelBootstrap bootstrap) {
        this.settings = settings;
        this.registryConfig = Map.copyOf(registryConfig);
        this.bootstrap = bootstrap;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        modelState = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("model", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        lastWindowState = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("last-window", Types.LONG));
        eventsSeenState = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("events-seen", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        lastWindowEnd = Long.MIN_VALUE;
        for (Long end : lastWindowState.get()) {
            lastWindowEnd = Math.max(lastWindowEnd, end);
        }
        firstEventEver = Long.MAX_VALUE;
        maxEventTime = Long.MIN_VALUE;
        firstSeen = Long.MAX_VALUE;
        lastSeen = Long.MIN_VALUE;
        for (long[] seen : eventsSeenState.get()) {
            firstEventEver = Math.min(firstEventEver, seen[0]);
            maxEventTime = Math.max(maxEventTime, seen[1]);
            eventsEver += seen[2];
            // a checkpoint of an earlier build holds three numbers: its deferred events are then not in the range
            firstSeen = Math.min(firstSeen, seen.length > 4 ? seen[3] : seen[0]);
            lastSeen = Math.max(lastSeen, seen.length > 4 ? seen[4] : seen[1]);
        }
        for (byte[] bytes : modelState.get()) {
            adopt(ModelRecords.fromBytes(bytes));
        }
        if (model == null && !context.isRestored()) {
            // a fresh start continues from the newest published model (the topic's broadcast may come later)
            bootstrap.latest(settings).ifPresent(this::adopt);
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        refuseLegacyState();
        customerDescriptor = new ValueStateDescriptor<>(CUSTOMER_STATE, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
        customer = getPartitionedState(customerDescriptor);
        lastSegment = getPartitionedState(new ValueStateDescriptor<>(LAST_SEGMENT_STATE, Types.INT));
        deferred = getPartitionedState(new ListStateDescriptor<>(DEFERRED_STATE, TypeInformation.of(DecodedEvent.class)));
        windowTimers = getInternalTimerService("window-ends", VoidNamespaceSerializer.INSTANCE, this);
        windowMillis = settings.window().toMillis();
        openWindowEnd = Long.MIN_VALUE;
        dedup = settings.dedup();
        duplicates = getMetricGroup().counter("duplicates");
        late = getMetricGroup().counter("lateEvents");
        folder = new ProfileFolder(settings.halfLifeDays(), settings.eventRules());
        payloads = new EventPayloads();
        modelDeserializer = new AvroDeserializer<>(RestSchemaRegistryClient.fromProperties(registryConfig), SegmentModel.class);
        firstEventInWindow = Long.MAX_VALUE;
    }

    /** A savepoint of the old layout would restore as empty profiles under the new names: fail instead. */
    private void refuseLegacyState() throws Exception {
        try (Stream<Object> legacy = getKeyedStateBackend().getKeys(LEGACY_CUSTOMER_STATE, VoidNamespace.INSTANCE)) {
            if (legacy.findAny().isPresent()) {
                throw new IllegalStateException("the restored checkpoint/savepoint holds trainer state '"
                        + LEGACY_CUSTOMER_STATE + "' of an earlier layout (segment and profile in one entry), which this "
                        + "build does not read: start the trainer without it (profiles rebuild from the events)");
            }
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        modelState.update(model == null ? List.of() : List.of(ModelRecords.toBytes(model)));
        lastWindowState.update(List.of(lastWindowEnd));
        eventsSeenState.update(List.of(new long[]{firstEventEver, maxEventTime, eventsEver, firstSeen, lastSeen}));
    }

    /**
     * An event of the window still open is folded now; one of a later window (its partition read ahead of another,
     * or the few minutes of out-of-orderness past a boundary) waits in keyed state until the watermark closes the
     * windows before it. So a window's profiles hold exactly the events before its end, whatever the read order:
     * a backfill or a replay computes what live processing computed.
     */
    @Override
    public void processElement1(StreamRecord<DecodedEvent> element) throws Exception {
        DecodedEvent decoded = element.getValue();
        firstSeen = Math.min(firstSeen, decoded.eventTime);
        lastSeen = Math.max(lastSeen, decoded.eventTime);
        long ownEnd = windowEndOf(decoded.eventTime, windowMillis);
        if (openWindowEnd != Long.MIN_VALUE && ownEnd <= openWindowEnd) {
            fold(decoded);
        } else {
            deferred.add(decoded);
            windowTimers.registerEventTimeTimer(VoidNamespace.INSTANCE, ownEnd - 1);
        }
    }

    /** The watermark passed the end of a window that deferred events of this customer: fold them, in time order. */
    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        List<DecodedEvent> due = new ArrayList<>();
        List<DecodedEvent> later = new ArrayList<>();
        for (DecodedEvent e : deferred.get()) {
            (e.eventTime <= timer.getTimestamp() ? due : later).add(e);
        }
        due.sort(java.util.Comparator.comparingLong(e -> e.eventTime));
        for (DecodedEvent e : due) {
            fold(e);
        }
        deferred.update(later);
    }

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) {
    }

    /** The end of the tumbling window (multiples of {@code window} from the epoch) that holds {@code eventTime}. */
    static long windowEndOf(long eventTime, long window) {
        return Math.floorDiv(eventTime, window) * window + window;
    }

    private void fold(DecodedEvent decoded) throws Exception {
        CustomerEvent event = payloads.decode(decoded.payload);
        byte[] next = TrainerCustomerState.fold(customer.value(), event, folder, dedup);
        if (next == null) {
            duplicates.inc();
            duplicatesInWindow++;
            return;
        }
        customer.update(next);
        if (lastWindowEnd != Long.MIN_VALUE && decoded.eventTime < lastWindowEnd) {
            // folded all the same (nothing is lost), but it belonged to a window already closed: counted, and logged
            late.inc();
            lateInWindow++;
        }
        eventsInWindow++;
        eventsEver++;
        firstEventInWindow = Math.min(firstEventInWindow, decoded.eventTime);
        firstEventEver = Math.min(firstEventEver, decoded.eventTime);
        maxEventTime = Math.max(maxEventTime, decoded.eventTime);
    }

    @Override
    public void processElement2(StreamRecord<RawRecord> element) {
        ModelRecords.accept(element.getValue(), modelDeserializer, settings).ifPresent(m -> {
            if (model == null || m.getVersion() > model.getVersion()) {
                adopt(m);
            }
        });
    }

    private void adopt(SegmentModel m) {
        model = m;
        scorer = SegmentScorer.compile(m);
        LOG.info("Worker adopts model {} v{} for partial sums", m.getModelName(), m.getVersion());
    }

    /**
     * Closes, one after the other, every window whose end this watermark passes: for each, the deferred events
     * before its end are folded, then the pass over the customers runs as of that end. A watermark that passes
     * several ends at once (the first one of a run, a source that read ahead, a gap in the data) thus yields the
     * windows that a watermark per boundary would have: the windows depend on the events, not on how the
     * watermarks happened to be spaced. The watermark goes downstream after the stats, so that the reducer's timer
     * for a window is never in the past.
     */
    @Override
    public void processWatermark1(Watermark mark) throws Exception {
        long wm = mark.getTimestamp();
        if (wm == Long.MAX_VALUE) {
            // end of a bounded input (backfill): the windows that end before the latest event, then the last, partial one
            if (lastSeen != Long.MIN_VALUE) {
                closeWindowsUpTo(Math.floorDiv(lastSeen, windowMillis) * windowMillis);
            }
            advanceTimers(mark);
            if (maxEventTime != Long.MIN_VALUE || lastWindowEnd != Long.MIN_VALUE) {
                emitWindow(Long.MAX_VALUE, maxEventTime == Long.MIN_VALUE ? lastWindowEnd : maxEventTime + 1);
            }
        } else {
            long end = WindowBoundaryWatermarks.lastWindowEnd(wm, windowMillis);
            openWindowEnd = Math.max(openWindowEnd, end + windowMillis);
            closeWindowsUpTo(end);
            advanceTimers(mark);
        }
        output.emitWatermark(mark);
    }

    /**
     * Emits the stats of every window after the last one closed up to {@code end}. The first window is the one that
     * holds this worker's earliest event; a worker that has seen no event yet reports the latest end only, with
     * no customers, so that the reducer hears from every worker.
     */
    private void closeWindowsUpTo(long end) throws Exception {
        long from;
        if (lastWindowEnd != Long.MIN_VALUE) {
            from = lastWindowEnd + windowMillis;
        } else if (firstSeen != Long.MAX_VALUE) {
            from = windowEndOf(firstSeen, windowMillis);
        } else {
            from = end;
        }
        for (long boundary = from; boundary <= end; boundary += windowMillis) {
            advanceTimers(new Watermark(boundary - 1));
            emitWindow(boundary, boundary);
        }
    }

    /** Fires the timers of deferred events up to {@code mark}: those events are folded, in time order per customer. */
    private void advanceTimers(Watermark mark) throws Exception {
        if (timeServiceManager != null) {
            timeServiceManager.advanceWatermark(mark);
        }
    }

    @Override
    public void processWatermark2(Watermark mark) {
        // models have no event time: only the events' watermark drives windows
    }

    private void emitWindow(long windowEnd, long asOf) throws Exception {
        long started = System.nanoTime();
        int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        int parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        WindowStats stats = new WindowStats();
        stats.windowEnd = windowEnd;
        stats.subtask = subtask;
        stats.parallelism = parallelism;
        stats.events = eventsInWindow;
        stats.firstEventTime = firstEventInWindow;
        stats.lastEventTime = maxEventTime;
        stats.firstEventEver = firstEventEver;
        stats.eventsEver = eventsEver;

        boolean kmeans = scorer != null && model.getAlgorithm() == Algorithm.KMEANS;
        KMeansPartialSums partial = kmeans ? MergedPartialSums.against(model, windowEnd) : null;
        int k = scorer == null ? 0 : scorer.segmentCount();
        long[] driftCounts = new long[k];
        double[] driftDistances = new double[k];
        long[] changes = new long[1];
        long[] customers = new long[1];
        Assignment assignment = scorer == null ? null : scorer.newAssignment();
        List<String> numeric = settings.numericFeatureNames();
        List<String> categorical = settings.categoricalFeatureNames();
        FeatureTime readAt = settings.readAt();
        Reservoir<SampleRow> sample = new Reservoir<>(settings.samplePerSubtask(),
                new Random(settings.seed() ^ MergedPartialSums.windowSeed(windowEnd) ^ subtask));

        getKeyedStateBackend().applyToAllKeys(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                customerDescriptor, (key, state) -> {
                    CustomerProfile profile = TrainerCustomerState.decodeProfile(state.value());
                    ProfileSnapshot snapshot = profile.asOf(
                            FeatureSpecs.readAtMillis(readAt, profile.lastEventMillis(), asOf));
                    customers[0]++;
                    Integer stored = lastSegment.value();
                    int previous = stored == null ? SampleRow.NONE : stored;
                    if (scorer != null) {
                        scorer.assign(snapshot, assignment);
                        if (partial != null) {
                            partial.add(assignment.vector());
                        }
                        int index = assignment.segmentIndex();
                        driftCounts[index]++;
                        driftDistances[index] += assignment.distance();
                        if (assignment.segmentId() != previous) {
                            changes[0]++;
                            lastSegment.update(assignment.segmentId());
                        }
                    }
                    sample.offer(() -> SampleRow.of(snapshot, numeric, categorical, previous));
                });

        stats.customers = customers[0];
        stats.sample = sample.items().toArray(SampleRow[]::new);
        if (scorer != null) {
            stats.modelVersion = model.getVersion();
            stats.driftSegmentIds = new int[k];
            for (int i = 0; i < k; i++) {
                stats.driftSegmentIds[i] = scorer.segmentId(i);
            }
            stats.driftCounts = driftCounts;
            stats.driftDistanceSums = driftDistances;
            stats.changes = changes[0];
        }
        if (partial != null) {
            KMeansPartialSums.Snapshot s = partial.snapshot();
            stats.sums = s.sums();
            stats.counts = s.counts();
            stats.inertia = s.inertia();
            stats.points = s.points();
            stats.candidatePoints = s.candidatePoints();
            stats.candidateKeys = s.candidateKeys();
        }
        output.collect(new StreamRecord<>(stats, windowEnd));
        LOG.info("Window {} closed on worker {}/{}: {} customers, {} events ({} late), model v{}, {} ms; {} duplicates "
                        + "dropped",
                windowEnd == Long.MAX_VALUE ? "end-of-input" : java.time.Instant.ofEpochMilli(windowEnd), subtask,
                parallelism, stats.customers, stats.events, lateInWindow, stats.modelVersion, (System.nanoTime() - started) / 1_000_000,
                duplicatesInWindow);
        lastWindowEnd = windowEnd;
        eventsInWindow = 0;
        duplicatesInWindow = 0;
        lateInWindow = 0;
        firstEventInWindow = Long.MAX_VALUE;
    }

    /** Events of windows already closed, folded late by this operator instance (the {@code lateEvents} metric). */
    long lateEvents() {
        return late.getCount();
    }

    /** Events dropped as duplicates by this operator instance (the {@code duplicates} metric), for tests. */
    long duplicates() {
        return duplicates.getCount();
    }

    /** Algorithm R over a stream of unknown length; items are built only when kept. */
    static final class Reservoir<T> {
        private final int capacity;
        private final Random random;
        private final List<T> items = new ArrayList<>();
        private long seen;

        Reservoir(int capacity, Random random) {
            this.capacity = capacity;
            this.random = random;
        }

        void offer(java.util.function.Supplier<T> item) {
            seen++;
            if (items.size() < capacity) {
                items.add(item.get());
            } else {
                long j = (long) (random.nextDouble() * seen);
                if (j < capacity) {
                    items.set((int) j, item.get());
                }
            }
        }

        List<T> items() {
            return items;
        }
    }
}
