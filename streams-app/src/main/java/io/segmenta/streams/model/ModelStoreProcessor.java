package io.segmenta.streams.model;

import io.segmenta.avro.SegmentModel;
import io.segmenta.schemas.serde.WireFormatException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;

/**
 * Fills a global models store from a models topic, keeping only models this assigner can serve: the configured
 * lineage and compiling ({@link ScorerCache}). Two layouts ({@link Layout}): the latest model of the compacted
 * topic under the model name (a version must be newer than the stored one), and every version of the history topic
 * under {@link #historyKey} (a version is stored once; the same version with other content is refused). Refused ones are logged with the
 * reason and listed on the {@link ModelBoard}; the stored (active) model stays. The store keeps the topic's raw
 * bytes, so that a restore that copies topic records as they are writes the same format. Kafka Streams 4.2 runs
 * this processor again on restore ({@code Topology.addGlobalStore} sets reprocess-on-restore), but earlier
 * versions copied records without it and a state directory may come from another build, so tasks validate again at
 * use time ({@link ActiveModel}): that, not this class, is what guarantees that a bad model never becomes active.
 *
 * <p>A tombstone does not retire the active model: an assigner without a model cannot serve anyone.
 * An unreachable schema registry is not a bad model: its exception fails the global thread and Kafka Streams
 * shuts the client down rather than skip a model.
 */
public final class ModelStoreProcessor implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(ModelStoreProcessor.class);

    /** How models are kept: the newest under the model name, or every version under {@link #historyKey}. */
    public enum Layout { LATEST, HISTORY }

    /** Width of the zero-padded version in history keys, so that keys sort by version. */
    private static final int VERSION_DIGITS = 19;

    private final Layout layout;

    private final String storeName;
    private final String topic;
    private final Deserializer<SegmentModel> deserializer;
    private final ScorerCache scorers;
    private final ModelBoard board;

    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, byte[]> store;

    public ModelStoreProcessor(Layout layout, String storeName, String topic, Deserializer<SegmentModel> deserializer,
                               ScorerCache scorers, ModelBoard board) {
        this.layout = layout;
        this.storeName = storeName;
        this.topic = topic;
        this.deserializer = deserializer;
        this.scorers = scorers;
        this.board = board;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String name = scorers.compiler().modelName();
        long now = context.currentSystemTimeMs();
        byte[] bytes = record.value();
        if (bytes == null) {
            LOG.warn("Ignoring a tombstone for model '{}' on {}: the active model stays", record.key(), topic);
            return;
        }
        SegmentModel model;
        try {
            model = deserializer.deserialize(topic, bytes);
        } catch (WireFormatException e) {
            WireFormatException located = context.recordMetadata()
                    .map(m -> e.at(m.partition(), m.offset())).orElse(e);
            if (name.equals(record.key())) {
                LOG.warn("Refused an unreadable model under key '{}': {}", record.key(), located.getMessage());
                board.refused(name, -1, "unreadable: " + located.getMessage(), now);
            }
            return;
        }
        if (!name.equals(model.getModelName())) {
            LOG.debug("Ignoring model '{}' v{}: this assigner serves '{}'", model.getModelName(), model.getVersion(), name);
            return;
        }
        String key = layout == Layout.LATEST ? name : historyKey(name, model.getVersion());
        byte[] stored = store.get(key);
        if (stored != null) {
            if (Arrays.equals(stored, bytes)) {
                board.accepted(model, now); // a re-read of the stored model (restore, replay)
                return;
            }
            long storedVersion = storedVersion(stored);
            if (layout == Layout.HISTORY || model.getVersion() <= storedVersion) {
                String reason = layout == Layout.HISTORY
                        ? "version " + model.getVersion() + " is already in the history with other content"
                        : "version " + model.getVersion() + " is not newer than the stored version " + storedVersion;
                LOG.warn("Refused model '{}' v{}: {}; keeping v{}", name, model.getVersion(), reason, storedVersion);
                board.refused(name, model.getVersion(), reason, now);
                return;
            }
        }
        ScorerCache.Outcome outcome = scorers.compile(model, bytes);
        if (!outcome.accepted()) {
            LOG.warn("Refused model '{}' v{}: {}; the previous model stays active", name, model.getVersion(), outcome.refusal());
            board.refused(name, model.getVersion(), outcome.refusal(), now);
            return;
        }
        store.put(key, bytes);
        board.accepted(model, now);
        LOG.info("Stored model '{}' v{} ({} segments, {}) in {}", name, model.getVersion(), model.getSegments().size(),
                model.getAlgorithm(), storeName);
    }

    /** The history store's key of a version: the model name, a slash and the zero-padded version. */
    public static String historyKey(String modelName, long version) {
        return modelName + "/" + String.format("%0" + VERSION_DIGITS + "d", version);
    }

    /** The version a {@link #historyKey} names. */
    public static long historyVersion(String historyKey) {
        return Long.parseLong(historyKey.substring(historyKey.length() - VERSION_DIGITS));
    }

    /** The largest history key of a lineage (with {@link #historyKey}(name, 0), the bounds of its range). */
    public static String lastHistoryKey(String modelName) {
        return modelName + "/" + "9".repeat(VERSION_DIGITS);
    }

    private long storedVersion(byte[] stored) {
        try {
            return deserializer.deserialize(topic, stored).getVersion();
        } catch (WireFormatException e) {
            return Long.MIN_VALUE; // an unreadable stored value (restored as is) does not block a good model
        }
    }
}
