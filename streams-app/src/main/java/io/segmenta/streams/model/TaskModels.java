package io.segmenta.streams.model;

import io.segmenta.avro.SegmentModel;
import io.segmenta.schemas.serde.WireFormatException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The versions one task can score with, as a {@link ModelTimeline}. {@link #refresh} reads the global stores (the
 * history topic's versions and the models topic's latest) and adds every version not seen yet that passes every
 * check again: a store restored without the global processor (a state directory written by another build) may hold
 * a model that would have been refused. A version, once valid, stays: a bad record that replaces the latest model
 * in its store does not take the good one away. A task pinned to one version (a replay) serves that version alone, for
 * every time. Not thread-safe: one per task.
 */
public final class TaskModels {

    private static final Logger LOG = LoggerFactory.getLogger(TaskModels.class);

    private final long pinnedVersion;
    private final ScorerCache scorers;
    private final ModelBoard board;
    private final Deserializer<SegmentModel> deserializer;
    private final String topic;
    private final Map<Long, CompiledModel> valid = new HashMap<>();
    /** The content last looked at for each version (valid or not), so that nothing is decoded or refused twice. */
    private final Map<Long, byte[]> seen = new HashMap<>();
    private byte[] lastLatest;
    /** Highest version read from the history store: later refreshes read only the keys after it. */
    private long historyUpTo;
    private ModelTimeline timeline = ModelTimeline.empty();

    /** @param pinnedVersion the only version to serve, for every time (a pinned replay); 0 for all versions */
    public TaskModels(ScorerCache scorers, ModelBoard board, Deserializer<SegmentModel> deserializer, String topic,
                      long pinnedVersion) {
        this.pinnedVersion = pinnedVersion;
        this.scorers = scorers;
        this.board = board;
        this.deserializer = deserializer;
        this.topic = topic;
    }

    public ModelTimeline timeline() {
        return timeline;
    }

    /**
     * @param history every version by {@link ModelStoreProcessor#historyKey}
     * @param latest  the latest model by model name
     * @param full    read the whole history (at start, and when the global stores accepted a model), not only the
     *                versions after the highest one read so far
     * @return true if a version was added
     */
    public boolean refresh(ReadOnlyKeyValueStore<String, byte[]> history, ReadOnlyKeyValueStore<String, byte[]> latest,
                           boolean full, long nowMillis) {
        String name = scorers.compiler().modelName();
        boolean added = false;
        long from = full ? 0 : historyUpTo + 1;
        try (KeyValueIterator<String, byte[]> it = history.range(ModelStoreProcessor.historyKey(name, from),
                ModelStoreProcessor.lastHistoryKey(name))) {
            while (it.hasNext()) {
                var entry = it.next();
                // the key names the version: a version already taken or refused with these bytes is not decoded again
                long version = ModelStoreProcessor.historyVersion(entry.key);
                historyUpTo = Math.max(historyUpTo, version);
                if (!valid.containsKey(version) && !Arrays.equals(seen.get(version), entry.value)) {
                    added |= consider(entry.value, nowMillis, true);
                }
            }
        }
        byte[] newest = latest.get(name);
        if (newest != null && !Arrays.equals(newest, lastLatest)) {
            lastLatest = newest;
            added |= consider(newest, nowMillis, false);
        }
        if (added) {
            timeline = pinnedVersion > 0 ? ModelTimeline.pinned(valid.get(pinnedVersion))
                    : ModelTimeline.of(valid.values());
        }
        return added;
    }

    private boolean consider(byte[] bytes, long nowMillis, boolean fromHistory) {
        String name = scorers.compiler().modelName();
        SegmentModel model;
        try {
            model = deserializer.deserialize(topic, bytes);
        } catch (WireFormatException e) {
            if (!fromHistory) {
                refuse(name, -1, "unreadable stored model: " + e.getMessage(), nowMillis);
            }
            return false;
        }
        long version = model.getVersion();
        if ((pinnedVersion > 0 && version != pinnedVersion) || valid.containsKey(version)
                || Arrays.equals(seen.get(version), bytes)) {
            return false;
        }
        seen.put(version, bytes);
        ScorerCache.Outcome outcome = scorers.compile(model, bytes);
        if (!outcome.accepted()) {
            refuse(name, version, outcome.refusal(), nowMillis);
            return false;
        }
        valid.put(version, outcome.model());
        return true;
    }

    private void refuse(String name, long version, String reason, long nowMillis) {
        LOG.warn("Not using model '{}' v{}: {}", name, version, reason);
        board.refused(name, version, reason, nowMillis);
    }
}
