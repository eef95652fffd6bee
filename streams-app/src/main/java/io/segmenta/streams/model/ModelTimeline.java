package io.segmenta.streams.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The versions of one lineage by the time they start to be valid: a model is valid from the end of its training
 * window (the data it learned from ends there), and an event at time t is scored with the newest version valid at
 * t, never with one trained on later data. A replay of old events thus finds the models of that time, and the
 * change history does not depend on how far ahead of the assigner the trainer ran. Immutable.
 */
public final class ModelTimeline {

    private static final ModelTimeline EMPTY = new ModelTimeline(List.of());

    /** Sorted by the start of validity; {@code newest[i]} is the highest version among the first i + 1. */
    private final List<CompiledModel> byStart;
    private final long[] starts;
    private final CompiledModel[] newest;

    private ModelTimeline(List<CompiledModel> byStart) {
        this(byStart, false);
    }

    private ModelTimeline(List<CompiledModel> byStart, boolean always) {
        this.byStart = List.copyOf(byStart);
        this.starts = new long[byStart.size()];
        this.newest = new CompiledModel[byStart.size()];
        CompiledModel best = null;
        for (int i = 0; i < byStart.size(); i++) {
            CompiledModel m = byStart.get(i);
            starts[i] = always ? Long.MIN_VALUE : validFrom(m);
            best = best == null || m.version() > best.version() ? m : best;
            newest[i] = best;
        }
    }

    public static ModelTimeline empty() {
        return EMPTY;
    }

    /** One version for every time: a replay pinned to a model scores all its events with it. */
    public static ModelTimeline pinned(CompiledModel model) {
        return new ModelTimeline(List.of(model), true);
    }

    /** @param models compiled versions of one lineage, one per version */
    public static ModelTimeline of(Collection<CompiledModel> models) {
        List<CompiledModel> sorted = new ArrayList<>(models);
        sorted.sort(Comparator.comparingLong(ModelTimeline::validFrom).thenComparingLong(CompiledModel::version));
        return new ModelTimeline(sorted);
    }

    /** When a model starts to be valid: the end of its training window, or later when it was promoted later. */
    public static long validFrom(CompiledModel model) {
        return model.validFromMillis();
    }

    /** When {@code model} starts to serve in this timeline (Long.MIN_VALUE when pinned). */
    public long startOf(CompiledModel model) {
        for (int i = 0; i < byStart.size(); i++) {
            if (byStart.get(i).version() == model.version()) {
                return starts[i];
            }
        }
        throw new IllegalArgumentException(model + " is not in this timeline");
    }

    /** The newest version valid at {@code timeMillis}, or null when every version starts later. */
    public CompiledModel at(long timeMillis) {
        int lo = 0;
        int hi = starts.length;
        while (lo < hi) { // the first start after timeMillis
            int mid = (lo + hi) >>> 1;
            if (starts[mid] <= timeMillis) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo == 0 ? null : newest[lo - 1];
    }

    /** Every version, by the start of its validity. */
    public List<CompiledModel> models() {
        return byStart;
    }
}
