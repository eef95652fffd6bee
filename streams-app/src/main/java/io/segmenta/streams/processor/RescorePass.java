package io.segmenta.streams.processor;

import io.segmenta.streams.metrics.RescoreProgress;
import io.segmenta.streams.model.CompiledModel;

/**
 * Where a task is in walking its customers store to re-score everyone with a new model: the last key done (the
 * next chunk reads {@code range(cursor, null)} and skips it) and how many were walked of an approximate total.
 */
final class RescorePass {

    final CompiledModel model;
    final long approximateTotal;
    /** When its changes take effect in event time (a customer's own later event moves hers to that event). */
    final long effectiveMillis;
    String cursor;
    long walked;
    boolean done;

    RescorePass(CompiledModel model, long approximateTotal, long effectiveMillis) {
        this.model = model;
        this.approximateTotal = approximateTotal;
        this.effectiveMillis = effectiveMillis;
    }

    void advance(String lastKey, int customers, boolean exhausted) {
        if (lastKey != null) {
            cursor = lastKey;
        }
        walked += customers;
        done = exhausted;
    }

    RescoreProgress.Pass progress() {
        return new RescoreProgress.Pass(model.version(), walked, approximateTotal, done);
    }
}
