package io.segmenta.streams.model;

import io.segmenta.assigner.IncompatibleModelException;
import io.segmenta.avro.SegmentModel;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles each model version once per process, however many tasks (and the global store's processor) ask for it.
 * Refusals are cached too, so a bad model is logged once, not once per task per punctuation. Keyed by version and
 * the bytes' hash: a version republished with other content is compiled again. Thread-safe; keeps the newest
 * {@value #MAX_ENTRIES} entries.
 */
public final class ScorerCache {

    static final int MAX_ENTRIES = 1024;

    /** The outcome of one compilation: a model, or the reason it was refused. */
    public record Outcome(CompiledModel model, String refusal) {
        public boolean accepted() {
            return model != null;
        }
    }

    private record Key(long version, int bytesHash, int length) {
    }

    private final ModelCompiler compiler;
    private final Map<Key, Outcome> outcomes = new ConcurrentHashMap<>();

    public ScorerCache(ModelCompiler compiler) {
        this.compiler = compiler;
    }

    public ModelCompiler compiler() {
        return compiler;
    }

    /** @param bytes the model's serialized form, identifying this content of the version */
    public Outcome compile(SegmentModel model, byte[] bytes) {
        Key key = new Key(model.getVersion(), Arrays.hashCode(bytes), bytes.length);
        Outcome outcome = outcomes.computeIfAbsent(key, k -> {
            try {
                return new Outcome(compiler.compile(model), null);
            } catch (IncompatibleModelException | IllegalArgumentException e) {
                return new Outcome(null, e.getMessage());
            }
        });
        if (outcomes.size() > MAX_ENTRIES) {
            outcomes.keySet().stream().min(Comparator.comparingLong(Key::version)).ifPresent(outcomes::remove);
        }
        return outcome;
    }
}
