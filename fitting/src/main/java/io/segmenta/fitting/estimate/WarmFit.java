package io.segmenta.fitting.estimate;

import io.segmenta.fitting.assembly.SegmentFit;

import java.util.Objects;

/**
 * What {@link SegmentEstimator#warmFit} produced.
 *
 * @param fit   the fit
 * @param fresh true when a fit from scratch beat the warm start and was kept instead (stable-id matching keeps the
 *              ids either way)
 */
public record WarmFit(SegmentFit fit, boolean fresh) {

    public WarmFit {
        Objects.requireNonNull(fit, "fit");
    }
}
