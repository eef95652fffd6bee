package io.segmenta.analysis.publish;

import io.segmenta.avro.SegmentModel;
import io.segmenta.schemas.registry.SchemaRegistryConfig;
import io.segmenta.schemas.serde.AvroDeserializer;
import io.segmenta.schemas.serde.AvroSerializer;
import io.segmenta.schemas.kafka.TopicScan;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends a model to the compacted models topic and to the history topic (every version, kept: the assigner scores an
 * event with the model of its time, and a replay after this version was superseded must still find it), keyed by
 * model name, in the Confluent Avro wire format ({@link AvroSerializer}); finds the latest published version of a name
 * by reading the models topic from the beginning.
 * Clients are injected so that tests can use Kafka's mock clients.
 */
public final class ModelPublisher implements AutoCloseable {

    private final Producer<String, SegmentModel> producer;
    private final Consumer<String, SegmentModel> consumer;
    private final String topic;
    private final String historyTopic;
    private final Duration timeout;

    /** @param historyTopic the history topic, or null to write the models topic only */
    public ModelPublisher(Producer<String, SegmentModel> producer, Consumer<String, SegmentModel> consumer,
                          String topic, String historyTopic, Duration timeout) {
        this.producer = producer;
        this.consumer = consumer;
        this.topic = topic;
        this.historyTopic = historyTopic;
        this.timeout = timeout;
    }

    /** Real Kafka clients for the options' cluster and registry. */
    public static ModelPublisher connect(PublishOptions options) {
        Map<String, Object> common = new HashMap<>();
        common.put(SchemaRegistryConfig.URL, options.schemaRegistry());
        common.put("bootstrap.servers", options.bootstrapServers());
        Map<String, Object> p = new HashMap<>(common);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, options.timeout().toMillis());
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) options.timeout().toMillis());
        // the producer refuses delivery.timeout.ms < linger.ms + request.timeout.ms
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(options.timeout().toMillis() / 2, 30_000));
        Map<String, Object> c = new HashMap<>(common);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // the trainer publishes in transactions: an aborted version must not count as the latest
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(AvroDeserializer.VALUE_CLASS, SegmentModel.class.getName());
        KafkaProducer<String, SegmentModel> producer = new KafkaProducer<>(p, new StringSerializer(),
                configured(new AvroSerializer<>(), p));
        AvroDeserializer<SegmentModel> values = new AvroDeserializer<>();
        values.configure(c, false);
        KafkaConsumer<String, SegmentModel> consumer = new KafkaConsumer<>(c, new StringDeserializer(), values);
        return new ModelPublisher(producer, consumer, options.topic(), options.historyTopic(), options.timeout());
    }

    private static AvroSerializer<SegmentModel> configured(AvroSerializer<SegmentModel> s, Map<String, Object> cfg) {
        s.configure(cfg, false);
        return s;
    }

    /** The highest version published under {@code modelName}, if the topic exists and holds one. */
    public Optional<SegmentModel> latest(String modelName) {
        SegmentModel[] latest = {null};
        TopicScan.readToEnd(consumer, topic, timeout, r -> {
            SegmentModel m = r.value();
            if (modelName.equals(r.key()) && m != null && (latest[0] == null || m.getVersion() > latest[0].getVersion())) {
                latest[0] = m;
            }
        });
        return Optional.ofNullable(latest[0]);
    }

    /**
     * Sends the model keyed by its name, to the history first and then to the models topic (so that an assigner never
     * serves a version its history lacks), and waits for both acknowledgements; returns the models topic's.
     */
    public RecordMetadata send(SegmentModel model) {
        if (historyTopic != null) {
            send(historyTopic, model);
        }
        return send(topic, model);
    }

    private RecordMetadata send(String topic, SegmentModel model) {
        try {
            return producer.send(new ProducerRecord<>(topic, model.getModelName(), model))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("could not publish model " + model.getModelName() + " v"
                    + model.getVersion() + " to " + topic + ": " + cause.getMessage(), cause);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        consumer.close(Duration.ofSeconds(5));
    }
}
