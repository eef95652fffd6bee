package io.segmenta.fitting.refit;

import io.segmenta.avro.FeatureSpec;

import java.util.Locale;
import java.util.Objects;

/**
 * What became of the feature spec on a refit from the sample: re-fitted (centre, scale and imputation from this
 * window, same layout), or the parent's kept, with the reason. Recorded in the model's tag {@value #TAG}, logged and
 * counted by the trainer, so that a spec that stopped following the data is visible.
 *
 * @param status what happened
 * @param spec   the spec the refit uses (null only when there is no parent)
 * @param reason why, in words
 */
public record SpecRefit(Status status, FeatureSpec spec, String reason) {

    /** Tag of the model that records the outcome. */
    public static final String TAG = "specRefit";

    public enum Status {
        /** Centre, scale and imputation re-fitted on this window's sample. */
        REFITTED,
        /** A re-fit was wanted but this window cannot give one; the parent's spec stays. */
        KEPT_PARENT,
        /** No re-fit is wanted on this path (a first model, merged partial sums, no fit at all). */
        NOT_ATTEMPTED
    }

    public SpecRefit {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        if (status != Status.NOT_ATTEMPTED) {
            Objects.requireNonNull(spec, "spec");
        }
    }

    static SpecRefit refitted(FeatureSpec spec, int rows) {
        return new SpecRefit(Status.REFITTED, spec, "re-fitted on " + rows + " sampled customers");
    }

    static SpecRefit keptParent(FeatureSpec parent, String reason) {
        return new SpecRefit(Status.KEPT_PARENT, parent, reason);
    }

    static SpecRefit notAttempted(FeatureSpec spec, String reason) {
        return new SpecRefit(Status.NOT_ATTEMPTED, spec, reason);
    }

    /** The value of the model's {@value #TAG} tag. */
    public String tagValue() {
        return status.name().toLowerCase(Locale.ROOT) + ": " + reason;
    }
}
