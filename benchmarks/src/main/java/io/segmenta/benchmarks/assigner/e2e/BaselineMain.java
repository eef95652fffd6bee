package io.segmenta.benchmarks.assigner.e2e;

import io.segmenta.avro.CustomerEvent;
import io.segmenta.schemas.registry.RestSchemaRegistryClient;
import io.segmenta.schemas.registry.SchemaRegistry;
import io.segmenta.schemas.registry.SchemaRegistryConfig;
import io.segmenta.schemas.serde.AvroDeserializer;
import io.segmenta.schemas.serde.AvroSerdes;
import io.segmenta.streams.AssignerSettings;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * The throughput baselines the assigner is compared with, Kafka Streams apps over the same Avro events,
 * exactly_once_v2, with the same Kafka Streams defaults as the assigner (one stream thread, 100 ms commits) and the
 * same producer tuning ({@code AssignerSettings.PRODUCER_DEFAULTS}):
 * <ul>
 *   <li>{@code pass-through}: decodes each event with our {@code AvroDeserializer}, encodes it again with
 *       {@code AvroSerializer} and writes it to another topic (the baseline);</li>
 *   <li>{@code state-floor}: decodes each event, reads the customer's state from a RocksDB store and writes a new
 *       one of a given size (its changelog gets one record per event, as the assigner's does), and emits nothing. No
 *       app that keeps per-customer state durable per event can beat it, so it bounds what the assigner can reach
 *       by optimising its own code.</li>
 * </ul>
 * Usage: {@code BaselineMain pass-through|state-floor <bootstrap> <registry url> <input topic> <output topic>
 * <application id> <state dir> [state bytes]}; runs until SIGTERM.
 */
public final class BaselineMain {

    public static final String PASS_THROUGH = "pass-through";
    public static final String STATE_FLOOR = "state-floor";
    private static final String STORE = "state";

    private BaselineMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String mode = args[0];
        String bootstrap = args[1];
        SchemaRegistry registry = RestSchemaRegistryClient.fromProperties(Map.of(SchemaRegistryConfig.URL, args[2]));
        Topology topology = switch (mode) {
            case PASS_THROUGH -> passThrough(registry, args[3], args[4]);
            case STATE_FLOOR -> stateFloor(registry, args[3], Integer.parseInt(args[7]));
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        };

        Properties props = new Properties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, args[5]);
        props.put(StreamsConfig.STATE_DIR_CONFIG, args[6]);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // the assigner's producer tuning too, so that the baseline is not handicapped by Kafka's defaults
        AssignerSettings.PRODUCER_DEFAULTS.forEach((k, v) -> props.put(StreamsConfig.PRODUCER_PREFIX + k, v));

        KafkaStreams streams = new KafkaStreams(topology, props);
        CountDownLatch stopped = new CountDownLatch(1);
        streams.setStateListener((next, previous) -> {
            System.out.println("BASELINE STATE " + previous + " -> " + next);
            if (next == KafkaStreams.State.NOT_RUNNING || next == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close(Duration.ofSeconds(30));
            stopped.countDown();
        }, "baseline-shutdown"));
        streams.start();
        stopped.await();
    }

    static Topology passThrough(SchemaRegistry registry, String input, String output) {
        Serde<CustomerEvent> events = AvroSerdes.value(CustomerEvent.class, registry);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), events)).to(output, Produced.with(Serdes.String(), events));
        return builder.build();
    }

    /** Events read as bytes and decoded in the processor, as the assigner does. */
    static Topology stateFloor(SchemaRegistry registry, String input, int stateBytes) {
        if (stateBytes < 1) {
            throw new IllegalArgumentException("state bytes must be positive, was " + stateBytes);
        }
        AvroDeserializer<CustomerEvent> events = new AvroDeserializer<>(registry, CustomerEvent.class);
        Topology topology = new Topology();
        topology.addSource("events", new StringDeserializer(), new ByteArrayDeserializer(), input);
        topology.addProcessor("state", () -> new StateWriter(events, input, stateBytes), "events");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                Serdes.ByteArray()), "state");
        return topology;
    }

    /**
     * Reads the customer's state and writes the next: this event's bytes followed by the start of the previous
     * state, so the stored bytes change with every event and are as compressible as event data, not zeros.
     */
    private static final class StateWriter implements Processor<String, byte[], Void, Void> {
        private final AvroDeserializer<CustomerEvent> events;
        private final String topic;
        private final int stateBytes;
        private KeyValueStore<String, byte[]> store;

        StateWriter(AvroDeserializer<CustomerEvent> events, String topic, int stateBytes) {
            this.events = events;
            this.topic = topic;
            this.stateBytes = stateBytes;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            CustomerEvent event = events.deserialize(topic, record.value());
            byte[] previous = store.get(event.getCustomerId());
            byte[] eventBytes = record.value();
            byte[] next = new byte[stateBytes];
            int at = 0;
            while (at < stateBytes) {
                byte[] from = previous == null || at == 0 ? eventBytes : previous;
                int n = Math.min(from.length, stateBytes - at);
                System.arraycopy(from, 0, next, at, n);
                at += n;
            }
            store.put(event.getCustomerId(), next);
        }
    }
}
