package io.segmenta.trainer.config;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * How the trainer reaches Kafka and the registry. Every key of {@code kafkaProperties} (security included) is
 * passed to the sources, the sink and the admin client unchanged.
 *
 * @param startFrom          {@code earliest}, {@code latest}, {@code committed} (earliest when none) or an ISO
 *                           instant: where the events source starts
 * @param backfill           bounded mode: read from {@code startFrom} to the offsets at start, train, stop
 * @param checkpointInterval checkpoints drive the exactly-once sink's transactions: outputs become visible to
 *                           read_committed consumers at each checkpoint
 */
public record TrainerKafkaSettings(String bootstrapServers, Map<String, String> registryConfig, String groupId,
                                   String startFrom, boolean backfill, Duration checkpointInterval,
                                   String transactionalIdPrefix, Map<String, String> kafkaProperties)
        implements Serializable {

    public TrainerKafkaSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers are required");
        }
        if (registryConfig == null || !registryConfig.containsKey("schema.registry.url")) {
            throw new IllegalArgumentException("schema.registry.url is required");
        }
        Objects.requireNonNull(startFrom, "startFrom");
        if (!startFrom.equals("earliest") && !startFrom.equals("latest") && !startFrom.equals("committed")) {
            try {
                Instant.parse(startFrom);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("start must be earliest, latest, committed or an ISO instant, got "
                        + startFrom);
            }
        }
        if (checkpointInterval == null || checkpointInterval.toMillis() < 100) {
            throw new IllegalArgumentException("checkpoint interval must be at least 100 ms");
        }
        registryConfig = Map.copyOf(registryConfig);
        kafkaProperties = Map.copyOf(kafkaProperties == null ? Map.of() : kafkaProperties);
    }

    public static TrainerKafkaSettings of(String bootstrapServers, String registryUrl) {
        return new TrainerKafkaSettings(bootstrapServers, Map.of("schema.registry.url", registryUrl), "segmenta-trainer",
                "committed", false, Duration.ofSeconds(10), "segmenta-trainer", Map.of());
    }
}
