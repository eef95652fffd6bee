package io.segmenta.schemas.config;

import io.segmenta.schemas.TopicNames;

import java.time.Duration;
import java.util.List;

/**
 * The settings the trainer and the assigner share, declared once so that both accept the same names, syntax and
 * defaults. Keep their values equal in both services' configurations: the assigner refuses a model whose half-life
 * differs from its own, and de-duplication must drop the same events on both sides (the parity test checks it).
 */
public final class SharedSettings {

    public static final Setting<String> TOPIC_EVENTS = Setting.topic("segmenta.topic.events",
            TopicNames.CUSTOMER_EVENTS, "input: customer events, key = customer id");
    public static final Setting<String> TOPIC_MODELS = Setting.topic("segmenta.topic.models",
            TopicNames.SEGMENT_MODELS, "models, compacted, key = model name (the trainer writes, the assigner reads)");
    public static final Setting<String> TOPIC_MODEL_HISTORY = Setting.topic("segmenta.topic.model-history",
            TopicNames.SEGMENT_MODEL_HISTORY, "every model version, not compacted (the trainer writes; the assigner "
                    + "reads it to score each event with the model of its time)");
    public static final Setting<String> TOPIC_DEAD_LETTERS = Setting.topic("segmenta.topic.dead-letters",
            TopicNames.SEGMENT_DLQ, "output: records that cannot be processed, original bytes + dlq.* headers");
    public static final Setting<String> MODEL_NAME = Setting.parsed("segmenta.model.name", "default",
            SharedSettings::nonBlank, "the model lineage (key on the models topic) trained or served");
    public static final Setting<Double> HALF_LIFE_DAYS = Setting.number("segmenta.half-life.days", 30,
            d -> d > 0 && !Double.isInfinite(d), "a positive number of days",
            "decay half-life of profile counters; part of the model's feature spec, equal in both services");

    /** The largest de-duplication ring: it is stored with every customer. */
    public static final int MAX_DEDUP_SIZE = 4096;
    public static final Setting<Integer> DEDUP_SIZE = Setting.integer("segmenta.dedup.size", 64, 1, MAX_DEDUP_SIZE,
            "event ids remembered per customer (1..4096)");
    public static final Setting<Duration> DEDUP_WINDOW = Setting.duration("segmenta.dedup.window", "24h",
            Duration.ofMillis(1), "event-time window of remembered ids, before the customer's latest event");

    /** All of them, in the order the README lists them. */
    public static final List<Setting<?>> ALL = List.of(TOPIC_EVENTS, TOPIC_MODELS, TOPIC_MODEL_HISTORY, TOPIC_DEAD_LETTERS, MODEL_NAME,
            HALF_LIFE_DAYS, DEDUP_SIZE, DEDUP_WINDOW);

    private SharedSettings() {
    }

    private static String nonBlank(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("must not be blank");
        }
        return text;
    }
}
