package io.segmenta.benchmarks.assigner.e2e;

import io.segmenta.avro.CustomerEvent;
import io.segmenta.schemas.registry.RestSchemaRegistryClient;
import io.segmenta.schemas.registry.SchemaRegistry;
import io.segmenta.schemas.registry.SchemaRegistryConfig;
import io.segmenta.schemas.serde.AvroSerdes;
import io.segmenta.streams.AssignerSettings;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * The throughput baseline: a Kafka Streams app that reads the same Avro events as the assigner, decodes them with
 * our {@code AvroDeserializer}, encodes them again with {@code AvroSerializer} and writes them to another topic,
 * exactly_once_v2, with the same Kafka Streams defaults as the assigner (one stream thread, 100 ms commits) and the
 * same producer tuning ({@code AssignerSettings.PRODUCER_DEFAULTS}). Usage:
 * {@code PassThroughMain <bootstrap> <registry url> <input topic> <output topic> <application id> <state dir>};
 * runs until SIGTERM.
 */
public final class PassThroughMain {

    private PassThroughMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String bootstrap = args[0];
        SchemaRegistry registry = RestSchemaRegistryClient.fromProperties(Map.of(SchemaRegistryConfig.URL, args[1]));
        String input = args[2];
        String output = args[3];
        Serde<CustomerEvent> events = AvroSerdes.value(CustomerEvent.class, registry);

        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), events))
                .to(output, Produced.with(Serdes.String(), events));

        Properties props = new Properties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, args[4]);
        props.put(StreamsConfig.STATE_DIR_CONFIG, args[5]);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // the assigner's producer tuning too, so that the baseline is not handicapped by Kafka's defaults
        AssignerSettings.PRODUCER_DEFAULTS.forEach((k, v) -> props.put(StreamsConfig.PRODUCER_PREFIX + k, v));

        KafkaStreams streams = new KafkaStreams(builder.build(), props);
        CountDownLatch stopped = new CountDownLatch(1);
        streams.setStateListener((next, previous) -> {
            System.out.println("PASS-THROUGH STATE " + previous + " -> " + next);
            if (next == KafkaStreams.State.NOT_RUNNING || next == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close(Duration.ofSeconds(30));
            stopped.countDown();
        }, "pass-through-shutdown"));
        streams.start();
        stopped.await();
    }
}
