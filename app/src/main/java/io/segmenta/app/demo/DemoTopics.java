package io.segmenta.app.demo;

import io.segmenta.app.embedded.KafkaTopics;
import io.segmenta.schemas.TopicNames;
import org.apache.kafka.clients.admin.NewTopic;

import java.util.List;

/** The topics of a one-process run, created before anything reads or writes them. */
final class DemoTopics {

    static final String EVENTS = TopicNames.CUSTOMER_EVENTS;
    static final String MODELS = TopicNames.SEGMENT_MODELS;
    static final String MODEL_HISTORY = TopicNames.SEGMENT_MODEL_HISTORY;
    static final String ASSIGNMENTS = TopicNames.SEGMENT_ASSIGNMENTS;
    static final String CHANGES = TopicNames.SEGMENT_CHANGES;
    static final String DRIFT = TopicNames.SEGMENT_DRIFT;
    static final String DLQ = TopicNames.SEGMENT_DLQ;

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
