package io.segmenta.trainer.job;

import io.segmenta.trainer.config.TrainerSettings;
import io.segmenta.trainer.events.CheckedRecord;
import io.segmenta.trainer.events.DecodedEvent;
import io.segmenta.trainer.events.EventChecker;
import io.segmenta.trainer.events.OutboundRecord;
import io.segmenta.trainer.events.RawRecord;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The trainer's dataflow, with its sources and sink injected (as in apache/flink-training), so that tests run the
 * windowing, refit and publishing logic on a MiniCluster with in-memory sources, and production wires Kafka:
 *
 * <pre>
 * events --decode+validate, watermarks per partition (in the source)--> (dead letters) ------+
 *        --> keyBy(customer) --ProfileOperator(+ models, broadcast)--> stats      |
 *        --keyBy(0)--> ModelReducer(+ models, broadcast) --> models, history, drift --> sink <+
 * </pre>
 */
public final class TrainerJob {

    private final TrainerSettings settings;
    private final Map<String, String> registryConfig;
    private final ModelBootstrap bootstrap;
    private final Clock clock;

    public TrainerJob(TrainerSettings settings, Map<String, String> registryConfig, ModelBootstrap bootstrap, Clock clock) {
        this.settings = settings;
        this.registryConfig = Map.copyOf(registryConfig);
        this.bootstrap = bootstrap;
        this.clock = clock;
    }

    /**
     * The pipeline from checked event records (timestamped, with watermarks: see {@link #eventTime}) and raw records
     * of the models topic to every output record. The caller makes the input streams (Kafka sources in production,
     * in-memory data through {@link #checked} in tests).
     */
    public DataStream<OutboundRecord> build(DataStream<CheckedRecord> events, DataStream<RawRecord> models) {
        // models carry no event time: a watermark at the end of time keeps them from holding back the events'
        DataStream<RawRecord> rawModels = models.assignTimestampsAndWatermarks(endOfTime()).uid("models-time");

        SingleOutputStreamOperator<DecodedEvent> timed = events.process(new SplitDeadLetters())
                .uid("split-dead-letters").name("dead letters apart");
        DataStream<OutboundRecord> deadLetters = timed.getSideOutput(SplitDeadLetters.DEAD_LETTERS);

        DataStream<WindowStats> stats = timed.keyBy(e -> e.customerId)
                .connect(rawModels.broadcast())
                .transform("profiles and partial sums", TypeInformation.of(WindowStats.class),
                        new ProfileOperator(settings, registryConfig, bootstrap))
                .uid("profiles");

        BroadcastStream<RawRecord> modelsForReducer = rawModels.broadcast(ModelReducer.PUBLISHED);
        DataStream<OutboundRecord> published = stats.keyBy(s -> 0)
                .connect(modelsForReducer)
                .process(new ModelReducer(settings, registryConfig, bootstrap, clock))
                .uid("model-reducer").name("merge, refit, gate, publish")
                .setParallelism(1).setMaxParallelism(1);

        return published.union(deadLetters);
    }

    /**
     * Event time of the checked events: bounded out-of-orderness that also fires at every window boundary (see
     * {@link WindowBoundaryWatermarks}), made of accepted events only. Given to the Kafka source it runs per
     * partition, so one partition read ahead of another cannot make the other's events late. A bounded input (a
     * backfill) has no idleness: every partition ends, and a partition slowed down by a loaded machine must hold the
     * watermark back rather than have its events counted in a later window.
     */
    public WatermarkStrategy<CheckedRecord> eventTime(boolean bounded) {
        Duration outOfOrderness = settings.outOfOrderness();
        Duration window = settings.window();
        WatermarkStrategy<CheckedRecord> strategy = WatermarkStrategy
                .<CheckedRecord>forGenerator(context -> new WindowBoundaryWatermarks<>(outOfOrderness, window))
                .withTimestampAssigner((record, ts) -> record.eventTime());
        return bounded ? strategy : strategy.withIdleness(settings.idleness());
    }

    /** The checker the sources use: decode with the registry, validate with the settings' rules. */
    public EventChecker checker() {
        return new EventChecker(registryConfig, settings.eventRules(), settings.topics().deadLetters(), clock);
    }

    /**
     * Undecoded event records (one partition, in order: tests and benchmarks) checked and timed as the Kafka source
     * does it.
     */
    public DataStream<CheckedRecord> checked(DataStream<RawRecord> rawEvents, boolean bounded) {
        return rawEvents.map(new CheckEvents(checker())).name("decode and validate")
                .assignTimestampsAndWatermarks(eventTime(bounded));
    }

    /** Reads both sources and writes every output to {@code sink}; {@code bounded} when the events end (backfill). */
    public void attach(StreamExecutionEnvironment env, Source<CheckedRecord, ?, ?> events,
                       Source<RawRecord, ?, ?> models, Sink<OutboundRecord> sink, boolean bounded) {
        DataStream<CheckedRecord> checked = env.fromSource(events, eventTime(bounded), "customer-events")
                .uid("customer-events-source");
        DataStream<RawRecord> rawModels = env.fromSource(models, WatermarkStrategy.noWatermarks(), "segment-models")
                .uid("segment-models-source").setParallelism(1);
        build(checked, rawModels).sinkTo(sink).uid("outputs-sink").name("outputs");
    }

    private static WatermarkStrategy<RawRecord> endOfTime() {
        return WatermarkStrategy.forGenerator(context -> new WatermarkGenerator<>() {
            @Override
            public void onEvent(RawRecord event, long eventTimestamp, WatermarkOutput output) {
            }

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                output.emitWatermark(new org.apache.flink.api.common.eventtime.Watermark(Long.MAX_VALUE - 1));
            }
        });
    }
}
