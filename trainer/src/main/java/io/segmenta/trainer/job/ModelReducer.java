package io.segmenta.trainer.job;

import io.segmenta.avro.DriftReport;
import io.segmenta.avro.SegmentModel;
import io.segmenta.fitting.refit.RefitPath;
import io.segmenta.fitting.refit.SpecRefit;
import io.segmenta.schemas.registry.RestSchemaRegistryClient;
import io.segmenta.schemas.registry.SchemaRegistry;
import io.segmenta.schemas.serde.AvroDeserializer;
import io.segmenta.schemas.serde.AvroSerializer;
import io.segmenta.trainer.config.TrainerSettings;
import io.segmenta.trainer.events.OutboundRecord;
import io.segmenta.trainer.events.RawRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one reducer: collects every worker's {@link WindowStats} for a window, and once the watermark says all have
 * arrived runs {@link WindowRefit} and emits the model (to the compacted topic and the history topic) and the drift
 * report. The model in force is keyed state, so versions continue from the checkpoint after a restore and, with
 * the exactly-once sink, no version is published twice with different content.
 */
public final class ModelReducer extends KeyedBroadcastProcessFunction<Integer, WindowStats, RawRecord, OutboundRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(ModelReducer.class);

    /** Latest model seen on the topic (from another run, or an analyst's), by model name. */
    static final MapStateDescriptor<String, byte[]> PUBLISHED = new MapStateDescriptor<>("published-models",
            BasicTypeInfo.STRING_TYPE_INFO, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);

    private final TrainerSettings settings;
    private final Map<String, String> registryConfig;
    private final ModelBootstrap bootstrap;
    private final Clock clock;

    private transient ValueState<byte[]> current;
    private transient ListState<WindowStats> pending;
    private transient WindowRefit refit;
    private transient AvroSerializer<SegmentModel> modelSerializer;
    private transient AvroSerializer<DriftReport> driftSerializer;
    private transient AvroDeserializer<SegmentModel> modelDeserializer;
    private transient Counter published;
    private transient Counter refused;
    private transient RefitCounters refitCounters;
    private transient volatile long versionGauge;
    private transient boolean bootstrapped;

    public ModelReducer(TrainerSettings settings, Map<String, String> registryConfig, ModelBootstrap bootstrap, Clock clock) {
        this.settings = settings;
        this.registryConfig = Map.copyOf(registryConfig);
        this.bootstrap = bootstrap;
        this.clock = clock;
    }

    @Override
    public void open(OpenContext openContext) {
        current = getRuntimeContext().getState(new ValueStateDescriptor<>("model",
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        pending = getRuntimeContext().getListState(new ListStateDescriptor<>("pending",
                TypeInformation.of(WindowStats.class)));
        refit = new WindowRefit(settings, clock);
        SchemaRegistry registry = RestSchemaRegistryClient.fromProperties(registryConfig);
        modelSerializer = new AvroSerializer<>(registry, false);
        driftSerializer = new AvroSerializer<>(registry, false);
        modelDeserializer = new AvroDeserializer<>(registry, SegmentModel.class);
        var metrics = getRuntimeContext().getMetricGroup();
        published = metrics.counter("modelsPublished");
        refused = metrics.counter("modelsRefused");
        refitCounters = new RefitCounters(metrics);
        metrics.gauge("modelDataVersion", () -> versionGauge);
    }

    @Override
    public void processElement(WindowStats stats, ReadOnlyContext ctx, Collector<OutboundRecord> out) throws Exception {
        pending.add(stats);
        ctx.timerService().registerEventTimeTimer(stats.windowEnd);
    }

    @Override
    public void processBroadcastElement(RawRecord record, Context ctx, Collector<OutboundRecord> out) throws Exception {
        var state = ctx.getBroadcastState(PUBLISHED);
        ModelRecords.accept(record, modelDeserializer, settings).ifPresent(model -> {
            try {
                byte[] known = state.get(settings.modelName());
                if (known == null || ModelRecords.fromBytes(known).getVersion() < model.getVersion()) {
                    state.put(settings.modelName(), ModelRecords.toBytes(model));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<OutboundRecord> out) throws Exception {
        List<WindowStats> all = new ArrayList<>();
        pending.get().forEach(all::add);
        List<WindowStats> window = statsForWindow(all, timestamp);
        if (window.isEmpty()) {
            return;
        }
        pending.update(all.stream().filter(s -> s.windowEnd > timestamp).toList());
        SegmentModel parent = parent(ctx);
        if (window.stream().allMatch(s -> s.events == 0)
                && (parent != null || window.stream().allMatch(s -> s.eventsEver == 0))) {
            // a gap in the data: nothing new to learn from, and a model re-published on the same data would only make
            // the assigner re-score everyone
            LOG.info("Window {}: no events in it, no refit", describe(timestamp));
            return;
        }
        if (timestamp == Long.MAX_VALUE) {
            // end of a bounded input: the window ends after the last event seen
            long last = window.stream().mapToLong(s -> s.lastEventTime).max().orElse(Long.MIN_VALUE);
            if (last == Long.MIN_VALUE) {
                return;
            }
            long closing = last + 1;
            for (WindowStats s : window) {
                s.windowEnd = closing;
            }
        }
        WindowRefit.Outcome outcome;
        try {
            outcome = refit.apply(window, parent);
        } catch (RuntimeException e) {
            // a window the fitting code cannot handle must not stop the job: keep the model in force
            refused.inc();
            LOG.error("Window {}: refit failed, the model in force stays: {}", describe(timestamp), e.toString(), e);
            return;
        }
        long now = clock.millis();
        refitCounters.count(outcome.refit());
        if (outcome.refit().specRefit().status() == SpecRefit.Status.KEPT_PARENT) {
            LOG.warn("Window {}: the parent's feature spec is kept: {}", describe(timestamp),
                    outcome.refit().specRefit().reason());
        }
        if (outcome.published()) {
            SegmentModel model = outcome.model();
            current.update(ModelRecords.toBytes(model));
            versionGauge = model.getVersion();
            TrainerSettings.Topics topics = settings.topics();
            out.collect(OutboundRecord.keyed(topics.models(), settings.modelName(),
                    modelSerializer.serialize(topics.models(), model), now));
            out.collect(OutboundRecord.keyed(topics.modelHistory(), settings.modelName(),
                    modelSerializer.serialize(topics.modelHistory(), model), now));
            published.inc();
            LOG.info("Window {}: published {} v{} (k={}, {}): {}", describe(timestamp), model.getModelName(),
                    model.getVersion(), model.getSegments().size(), outcome.refit().path(), outcome.decision());
        } else if (outcome.refit().path() == RefitPath.REFUSED_BY_GATE) {
            refused.inc();
            LOG.warn("Window {}: {}", describe(timestamp), outcome.decision());
        } else {
            LOG.info("Window {}: no model published ({}): {}", describe(timestamp), outcome.refit().path(),
                    outcome.decision());
        }
        if (outcome.drift() != null) {
            out.collect(OutboundRecord.keyed(settings.topics().drift(), settings.modelName(),
                    driftSerializer.serialize(settings.topics().drift(), outcome.drift()), now));
        }
    }

    /**
     * Every worker's stats for the window that ends at {@code windowEnd}: its latest up to that end, carrying the
     * events (count and earliest time) of its earlier stats that no window has used yet. A worker reports every
     * window from the one of its first event on, so an earlier unused report exists only where another worker had
     * not reported yet: that window was skipped, and its events count in this one. Empty while some worker (by the
     * parallelism they report) has sent nothing up to this end.
     */
    static List<WindowStats> statsForWindow(List<WindowStats> pending, long windowEnd) {
        Map<Integer, List<WindowStats>> byWorker = new TreeMap<>();
        int expected = 0;
        for (WindowStats s : pending) {
            expected = Math.max(expected, s.parallelism);
            if (s.windowEnd <= windowEnd) {
                byWorker.computeIfAbsent(s.subtask, w -> new ArrayList<>()).add(s);
            }
        }
        if (byWorker.isEmpty() || byWorker.size() < expected) {
            if (!byWorker.isEmpty()) {
                LOG.info("Window {}: stats from {} of {} workers so far; waiting for the rest", describe(windowEnd),
                        byWorker.size(), expected);
            }
            return List.of();
        }
        List<WindowStats> window = new ArrayList<>();
        for (List<WindowStats> reports : byWorker.values()) {
            WindowStats latest = reports.stream().max(Comparator.comparingLong(s -> s.windowEnd)).orElseThrow();
            for (WindowStats earlier : reports) {
                if (earlier != latest) {
                    latest.events += earlier.events;
                    latest.firstEventTime = Math.min(latest.firstEventTime, earlier.firstEventTime);
                }
            }
            latest.windowEnd = windowEnd;
            window.add(latest);
        }
        return window;
    }

    /** The newest of: our checkpointed model, the newest on the topic, and (first run) the bootstrap's. */
    private SegmentModel parent(ReadOnlyContext ctx) throws Exception {
        SegmentModel mine = current.value() == null ? null : ModelRecords.fromBytes(current.value());
        byte[] seen = ctx.getBroadcastState(PUBLISHED).get(settings.modelName());
        SegmentModel onTopic = seen == null ? null : ModelRecords.fromBytes(seen);
        SegmentModel newest = newer(mine, onTopic);
        if (newest == null && !bootstrapped) {
            // asked once: reading the models topic must not stall every window close of a first run
            bootstrapped = true;
            newest = bootstrap.latest(settings).orElse(null);
            if (newest != null) {
                LOG.info("Continuing from {} v{} found on the models topic", newest.getModelName(), newest.getVersion());
            }
        }
        return newest;
    }

    private static SegmentModel newer(SegmentModel a, SegmentModel b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return b.getVersion() > a.getVersion() ? b : a;
    }

    private static String describe(long windowEnd) {
        return windowEnd == Long.MAX_VALUE ? "end-of-input" : Instant.ofEpochMilli(windowEnd).toString();
    }
}
