package io.segmenta.app.demo;

import io.segmenta.app.embedded.KafkaTopics;
import org.apache.kafka.clients.admin.NewTopic;

import java.util.List;

/** The topics of a one-process run, created before anything reads or writes them. */
final class DemoTopics {

    static final String EVENTS = "customer-events";
    static final String MODELS = "segment-models";
    static final String MODEL_HISTORY = "segment-model-history";
    static final String ASSIGNMENTS = "segment-assignments";
    static final String CHANGES = "segment-changes";
    static final String DRIFT = "segment-drift";
    static final String DLQ = "segment-dlq";

    private DemoTopics() {
    }

    static List<NewTopic> all(int partitions) {
        return List.of(
                KafkaTopics.plain(EVENTS, partitions),
                KafkaTopics.compacted(MODELS, 1),
                KafkaTopics.plain(MODEL_HISTORY, 1),
                KafkaTopics.compacted(ASSIGNMENTS, partitions),
                KafkaTopics.plain(CHANGES, partitions),
                KafkaTopics.plain(DRIFT, 1),
                KafkaTopics.plain(DLQ, 1));
    }
}
