package io.segmenta.benchmarks.replay;

import io.segmenta.avro.CustomerEvent;
import io.segmenta.schemas.registry.RestSchemaRegistryClient;
import io.segmenta.schemas.registry.SchemaRegistry;
import io.segmenta.schemas.serde.AvroDeserializer;
import io.segmenta.schemas.serde.AvroSerializer;
import io.segmenta.trainer.TrainerRunner;
import io.segmenta.trainer.config.TrainerConfig;
import io.segmenta.trainer.events.OutboundRecord;
import io.segmenta.trainer.events.RawRecord;
import io.segmenta.trainer.kafka.KafkaWiring;
import io.segmenta.trainer.kafka.RawRecordDeserializer;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A bounded Flink job on a local MiniCluster, in a JVM of its own, as {@code ./segment trainer} runs one:
 * <ul>
 *   <li>{@code trainer}: the trainer job in backfill mode ({@link TrainerRunner}, as {@code trainer --backfill});</li>
 *   <li>{@code pass-through}: its Flink baseline with the trainer's environment (parallelism, checkpoints, restarts)
 *       and exactly-once sink: a bounded Kafka source of the same events, each decoded with our
 *       {@code AvroDeserializer}, encoded again with {@code AvroSerializer} and written to {@code bench.output}.</li>
 * </ul>
 * Prints {@code FLINK JOB START <epoch ms>} and, once the job has finished, {@code FLINK JOB FINISHED <epoch ms>}.
 * Usage: {@code FlinkJobMain trainer|pass-through key=value ...} (the trainer's settings; {@code bench.output} for
 * the pass-through).
 */
public final class FlinkJobMain {

    static final String TRAINER = "trainer";
    static final String PASS_THROUGH = "pass-through";
    static final String OUTPUT = "bench.output";

    private FlinkJobMain() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Properties props = new Properties();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            props.setProperty(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        String output = (String) props.remove(OUTPUT);
        TrainerConfig config = TrainerConfig.fromProperties(props);
        StreamExecutionEnvironment env = TrainerRunner.environment(config);
        switch (mode) {
            case TRAINER -> TrainerRunner.attach(env, config);
            case PASS_THROUGH -> passThrough(env, config, output);
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
        System.out.println("FLINK JOB START " + System.currentTimeMillis());
        env.execute("bench " + mode);
        System.out.println("FLINK JOB FINISHED " + System.currentTimeMillis());
        System.out.flush();
        // the MiniCluster's and Kafka clients' threads must not keep the JVM alive
        System.exit(0);
    }

    private static void passThrough(StreamExecutionEnvironment env, TrainerConfig config, String output) {
        KafkaSource<RawRecord> source = KafkaSource.<RawRecord>builder()
                .setBootstrapServers(config.kafka().bootstrapServers())
                .setTopics(config.settings().topics().events())
                .setGroupId(config.kafka().groupId())
                .setDeserializer(new RawRecordDeserializer())
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setProperty("isolation.level", "read_committed")
                .build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "events")
                .map(new Recode(config.kafka().registryConfig(), output)).name("decode + encode")
                .sinkTo(KafkaWiring.sink(config.kafka())).name("sink");
    }

    /** Decodes an event and encodes it again for the output topic (the registry client is made on the worker). */
    private static final class Recode extends RichMapFunction<RawRecord, OutboundRecord> {
        private static final long serialVersionUID = 1L;
        private final HashMap<String, String> registryConfig;
        private final String output;
        private transient AvroDeserializer<CustomerEvent> decode;
        private transient AvroSerializer<CustomerEvent> encode;

        Recode(Map<String, String> registryConfig, String output) {
            this.registryConfig = new HashMap<>(registryConfig);
            this.output = output;
        }

        @Override
        public void open(OpenContext context) {
            SchemaRegistry registry = RestSchemaRegistryClient.fromProperties(registryConfig);
            decode = new AvroDeserializer<>(registry, CustomerEvent.class);
            encode = new AvroSerializer<>(registry, false);
        }

        @Override
        public OutboundRecord map(RawRecord r) {
            CustomerEvent event = decode.deserialize(r.topic, r.value);
            return new OutboundRecord(output, r.key, encode.serialize(output, event), r.timestamp);
        }
    }
}
