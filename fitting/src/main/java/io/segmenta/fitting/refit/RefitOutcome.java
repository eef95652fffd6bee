package io.segmenta.fitting.refit;

import io.segmenta.avro.SegmentModel;

import java.util.Objects;

/**
 * What a window's refit decided.
 *
 * @param path      the way it went
 * @param model     the model to publish, or null when the path publishes none
 * @param decision  the decision in words, for the log (a published model carries its short form in the tag
 *                  {@code decision})
 * @param specRefit what became of the feature spec
 */
public record RefitOutcome(RefitPath path, SegmentModel model, String decision, SpecRefit specRefit) {

    public RefitOutcome {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(specRefit, "specRefit");
        if (path.publishes() != (model != null)) {
            throw new IllegalArgumentException("path " + path + (path.publishes() ? " needs" : " cannot have")
                    + " a model");
        }
    }

    static RefitOutcome withoutModel(RefitPath path, String decision, SpecRefit specRefit) {
        return new RefitOutcome(path, null, decision, specRefit);
    }

    public boolean published() {
        return model != null;
    }
}
