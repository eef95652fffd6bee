package io.segmenta.trainer.kafka;

import io.segmenta.trainer.config.TrainerKafkaSettings;
import io.segmenta.trainer.config.TrainerSettings;
import io.segmenta.trainer.events.CheckedRecord;
import io.segmenta.trainer.events.EventChecker;
import io.segmenta.trainer.events.OutboundRecord;
import io.segmenta.trainer.events.RawRecord;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/** The trainer's Kafka sources and exactly-once sink, and the topics it writes. */
public final class KafkaWiring {

    private KafkaWiring() {
    }

    /** The events, decoded and validated in the source (see {@link CheckedEventDeserializer}). */
    public static KafkaSource<CheckedRecord> eventSource(TrainerSettings settings, TrainerKafkaSettings kafka,
                                                         EventChecker checker) {
        var builder = KafkaSource.<CheckedRecord>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(settings.topics().events())
                .setGroupId(kafka.groupId())
                .setDeserializer(new CheckedEventDeserializer(checker))
                .setStartingOffsets(startingOffsets(kafka.startFrom()))
                .setProperties(properties(kafka))
                .setProperty("isolation.level", "read_committed");
        if (kafka.backfill()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /** The models topic from the beginning: the newest published model reaches every worker and the reducer. */
    public static KafkaSource<RawRecord> modelSource(TrainerSettings settings, TrainerKafkaSettings kafka) {
        var builder = KafkaSource.<RawRecord>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(settings.topics().models())
                .setGroupId(kafka.groupId() + "-models")
                .setDeserializer(new RawRecordDeserializer())
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setProperties(properties(kafka))
                .setProperty("isolation.level", "read_committed");
        if (kafka.backfill()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    public static KafkaSink<OutboundRecord> sink(TrainerKafkaSettings kafka) {
        Properties producer = properties(kafka);
        // below the broker's transaction.max.timeout.ms (15 min by default), above a checkpoint's duration
        producer.putIfAbsent("transaction.timeout.ms", "300000");
        return KafkaSink.<OutboundRecord>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setKafkaProducerConfig(producer)
                .setRecordSerializer(new OutboundRecordSerializer())
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(kafka.transactionalIdPrefix())
                .build();
    }

    /** Creates the trainer's output topics when missing: the models topic compacted, the others plain. */
    public static void createTopics(TrainerSettings settings, TrainerKafkaSettings kafka) {
        Map<String, Object> props = new HashMap<>();
        properties(kafka).forEach((k, v) -> props.put(k.toString(), v));
        props.put("bootstrap.servers", kafka.bootstrapServers());
        TrainerSettings.Topics t = settings.topics();
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> wanted = List.of(
                    new NewTopic(t.models(), 1, (short) -1).configs(Map.of("cleanup.policy", "compact")),
                    new NewTopic(t.modelHistory(), 1, (short) -1).configs(Map.of("retention.ms", "-1")),
                    new NewTopic(t.drift(), 1, (short) -1),
                    new NewTopic(t.deadLetters(), 1, (short) -1));
            List<NewTopic> missing = wanted.stream().filter(n -> !existing.contains(n.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw new IllegalStateException("Cannot create the trainer's topics: " + e.getCause().getMessage(), e);
            }
        }
    }

    static OffsetsInitializer startingOffsets(String startFrom) {
        return switch (startFrom) {
            case "earliest" -> OffsetsInitializer.earliest();
            case "latest" -> OffsetsInitializer.latest();
            case "committed" -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
            default -> OffsetsInitializer.timestamp(Instant.parse(startFrom).toEpochMilli());
        };
    }

    private static Properties properties(TrainerKafkaSettings kafka) {
        Properties p = new Properties();
        p.putAll(kafka.kafkaProperties());
        return p;
    }
}
