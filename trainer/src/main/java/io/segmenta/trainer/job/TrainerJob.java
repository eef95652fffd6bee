package io.segmenta.trainer.job;

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
 * events --decode+validate--> (dead letters) -----------------------------------------------+
 *        --watermarks--> keyBy(customer) --ProfileOperator(+ models, broadcast)--> stats      |
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
     * The pipeline from raw event records and raw records of the models topic to every output record. The caller
     * makes the input streams (Kafka sources in production, in-memory data in tests).
     */
    public DataStream<OutboundRecord> build(DataStream<RawRecord> rawEvents, DataStream<RawRecord> models) {
        // models carry no event time: a watermark at the end of time keeps them from holding back the events'
        DataStream<RawRecord> rawModels = models.assignTimestampsAndWatermarks(endOfTime()).uid("models-time");

        SingleOutputStreamOperator<DecodedEvent> decoded = rawEvents
                .process(new DecodeEvents(registryConfig, settings.eventRules(), settings.topics().deadLetters(), clock))
                .uid("decode-events").name("decode and validate");
        DataStream<OutboundRecord> deadLetters = decoded.getSideOutput(DecodeEvents.DEAD_LETTERS);

        Duration outOfOrderness = settings.outOfOrderness();
        Duration window = settings.window();
        DataStream<DecodedEvent> timed = decoded.assignTimestampsAndWatermarks(WatermarkStrategy
                        .<DecodedEvent>forGenerator(context -> new WindowBoundaryWatermarks<>(outOfOrderness, window))
                        .withTimestampAssigner((event, ts) -> event.eventTime)
                        .withIdleness(settings.idleness()))
                .uid("event-time");

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

    /** Reads both sources and writes every output to {@code sink}. */
    public void attach(StreamExecutionEnvironment env, Source<RawRecord, ?, ?> events, Source<RawRecord, ?, ?> models,
                       Sink<OutboundRecord> sink) {
        DataStream<RawRecord> rawEvents = env.fromSource(events, WatermarkStrategy.noWatermarks(), "customer-events")
                .uid("customer-events-source");
        DataStream<RawRecord> rawModels = env.fromSource(models, WatermarkStrategy.noWatermarks(), "segment-models")
                .uid("segment-models-source").setParallelism(1);
        build(rawEvents, rawModels).sinkTo(sink).uid("outputs-sink").name("outputs");
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
