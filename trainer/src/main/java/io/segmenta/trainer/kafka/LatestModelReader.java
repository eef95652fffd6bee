package io.segmenta.trainer.kafka;

import io.segmenta.avro.SegmentModel;
import io.segmenta.schemas.kafka.TopicScan;
import io.segmenta.schemas.registry.RestSchemaRegistryClient;
import io.segmenta.schemas.serde.AvroDeserializer;
import io.segmenta.trainer.config.TrainerKafkaSettings;
import io.segmenta.trainer.config.TrainerSettings;
import io.segmenta.trainer.events.RawRecord;
import io.segmenta.trainer.job.ModelBootstrap;
import io.segmenta.trainer.job.ModelRecords;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.HashMap;
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
        SegmentModel[] newest = {null};
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicScan.readToEnd(consumer, topic, Duration.ofSeconds(60), r -> {
                RawRecord raw = new RawRecord(r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(), r.value());
                ModelRecords.accept(raw, deserializer, settings)
                        .filter(m -> newest[0] == null || m.getVersion() > newest[0].getVersion())
                        .ifPresent(m -> newest[0] = m);
            });
        }
        return Optional.ofNullable(newest[0]);
    }
}
