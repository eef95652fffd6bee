package io.segmenta.streams.model;

import io.segmenta.avro.SegmentModel;
import io.segmenta.schemas.serde.WireFormatException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;

/**
 * The model one task scores with. {@link #refresh} is given the bytes currently in the global models store and
 * switches only to a newer version that passes every check again: a store restored without the global processor
 * (Kafka Streams before 4.2, or a state directory written by another build) may hold a model that would have been
 * refused, and the previous model must then stay active. Not thread-safe: one per task.
 */
public final class ActiveModel {

    private static final Logger LOG = LoggerFactory.getLogger(ActiveModel.class);

    private final ScorerCache scorers;
    private final ModelBoard board;
    private final Deserializer<SegmentModel> deserializer;
    private final String topic;

    private byte[] lastSeen;
    private CompiledModel current;

    public ActiveModel(ScorerCache scorers, ModelBoard board, Deserializer<SegmentModel> deserializer, String topic) {
        this.scorers = scorers;
        this.board = board;
        this.deserializer = deserializer;
        this.topic = topic;
    }

    /** The model to score with, or null before the first valid one. */
    public CompiledModel current() {
        return current;
    }

    /**
     * @param stored the models store's value for the configured name (null if none)
     * @return true if the active model changed
     */
    public boolean refresh(byte[] stored, long nowMillis) {
        if (stored == null || Arrays.equals(stored, lastSeen)) {
            return false;
        }
        lastSeen = stored;
        String name = scorers.compiler().modelName();
        SegmentModel model;
        try {
            model = deserializer.deserialize(topic, stored);
        } catch (WireFormatException e) {
            refuse(name, -1, "unreadable stored model: " + e.getMessage(), nowMillis);
            return false;
        }
        if (current != null && model.getVersion() <= current.version()) {
            refuse(name, model.getVersion(), "version " + model.getVersion() + " is not newer than the active version "
                    + current.version(), nowMillis);
            return false;
        }
        ScorerCache.Outcome outcome = scorers.compile(model, stored);
        if (!outcome.accepted()) {
            refuse(name, model.getVersion(), outcome.refusal(), nowMillis);
            return false;
        }
        current = outcome.model();
        board.activated(current);
        return true;
    }

    private void refuse(String name, long version, String reason, long nowMillis) {
        LOG.warn("Not using model '{}' v{}: {}; {}", name, version, reason,
                current == null ? "no model is active yet" : "keeping v" + current.version());
        board.refused(name, version, reason, nowMillis);
    }
}
