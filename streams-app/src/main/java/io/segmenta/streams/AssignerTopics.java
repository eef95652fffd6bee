package io.segmenta.streams;

import io.segmenta.schemas.TopicNames;

/**
 * Topic names the assigner reads and writes. The defaults are the project's contract names (see the README's
 * contracts table); override them with {@code segmenta.topic.*} settings, e.g. to run two lineages side by side.
 *
 * @param events      input: customer events (String key = customer id, Avro {@code CustomerEvent})
 * @param models      input, compacted: models by name (Avro {@code SegmentModel})
 * @param modelHistory input, not compacted: every model version, so that an event is scored with the model of its
 *                    time, in a replay of old events too
 * @param assignments output, compacted: latest assignment per customer
 * @param changes     output: segment changes
 * @param deadLetters output: records that could not be processed, original bytes plus headers
 */
public record AssignerTopics(String events, String models, String modelHistory, String assignments, String changes, String deadLetters) {

    public static final AssignerTopics DEFAULTS = new AssignerTopics(
            TopicNames.CUSTOMER_EVENTS, TopicNames.SEGMENT_MODELS, TopicNames.SEGMENT_MODEL_HISTORY, TopicNames.SEGMENT_ASSIGNMENTS,
            TopicNames.SEGMENT_CHANGES, TopicNames.SEGMENT_DLQ);

    public AssignerTopics {
        requireName("events", events);
        requireName("models", models);
        requireName("model-history", modelHistory);
        requireName("assignments", assignments);
        requireName("changes", changes);
        requireName("dead-letters", deadLetters);
    }

    private static void requireName(String role, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("segmenta.topic." + role + " must name a topic");
        }
        if (name.contains(" ") || name.length() > 249) {
            throw new IllegalArgumentException("segmenta.topic." + role + " is not a valid topic name: '" + name + "'");
        }
    }
}
