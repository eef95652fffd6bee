package io.segmenta.analysis.publish;

import io.segmenta.schemas.TopicNames;
import io.segmenta.analysis.UserError;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and under which name the chosen model is published.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param schemaRegistry   schema registry URL (Confluent API)
 * @param modelName        the model lineage (the record key)
 * @param topic            the compacted models topic
 * @param historyTopic     the history topic (every version), or null for none
 * @param timeout          how long to wait for Kafka when reading the latest version and sending
 */
public record PublishOptions(String bootstrapServers, String schemaRegistry, String modelName, String topic,
                             String historyTopic, Duration timeout) {

    public static final String DEFAULT_MODEL_NAME = "default";
    public static final String DEFAULT_TOPIC = TopicNames.SEGMENT_MODELS;
    public static final String DEFAULT_HISTORY_TOPIC = TopicNames.SEGMENT_MODEL_HISTORY;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public PublishOptions {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new UserError("--publish needs --bootstrap-servers");
        }
        if (schemaRegistry == null || schemaRegistry.isBlank()) {
            throw new UserError("--publish needs --schema-registry");
        }
        if (modelName == null || modelName.isBlank()) {
            throw new UserError("--model-name must not be blank");
        }
        if (topic == null || topic.isBlank()) {
            throw new UserError("--topic must not be blank");
        }
        if (historyTopic != null && (historyTopic.isBlank() || historyTopic.equals(topic))) {
            throw new UserError("--history-topic must be another topic than --topic, or 'none'");
        }
        Objects.requireNonNull(timeout, "timeout");
    }
}
