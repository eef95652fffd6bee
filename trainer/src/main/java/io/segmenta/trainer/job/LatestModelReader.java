package io.segmenta.trainer.job;

import io.segmenta.avro.SegmentModel;
import io.segmenta.schemas.registry.RestSchemaRegistryClient;
import io.segmenta.schemas.serde.AvroDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the compacted models topic from the beginning to its end (read_committed) and returns the newest servable
 * model of the lineage: a fresh job continues its versions instead of starting again at 1.
 */
public final class LatestModelReader implements ModelBootstrap {

    private final TrainerKafkaSettings kafka;

    public LatestModelReader(TrainerKafkaSettings kafka) {
        this.kafka = kafka;
    }

    @Override
    public Optional<SegmentModel> latest(TrainerSettings settings) {
        Map<String, Object> props = new HashMap<>(kafka.kafkaProperties());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        String topic = settings.topics().models();
        var deserializer = new AvroDeserializer<>(RestSchemaRegistryClient.fromProperties(kafka.registryConfig()),
                SegmentModel.class);
        SegmentModel newest = null;
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (partitions == null || partitions.isEmpty()) {
                return Optional.empty();
            }
            List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!reached(consumer, end) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    RawRecord raw = new RawRecord(r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(), r.value());
                    Optional<SegmentModel> model = ModelRecords.accept(raw, deserializer, settings);
                    if (model.isPresent() && (newest == null || model.get().getVersion() > newest.getVersion())) {
                        newest = model.get();
                    }
                }
            }
        }
        return Optional.ofNullable(newest);
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
