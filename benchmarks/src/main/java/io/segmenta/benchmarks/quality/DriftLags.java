package io.segmenta.benchmarks.quality;

import java.util.List;

/**
 * How long drifting customers took to reach a segment of their new behaviour.
 *
 * @param drifting      customers whose truth switches behaviour during the data
 * @param lagsMillis    event time from the switch to the first assignment into a segment whose majority truth
 *                      behaviour is the new one, one entry per customer that got there, sorted
 * @param alreadyThere  of those, customers whose segment at the switch already had the new behaviour as majority
 *                      (lag 0: the model had not separated them from it before)
 * @param never         drifting customers never assigned to such a segment before the data ended
 * @param unreachable   of those, customers whose new behaviour was no segment's majority in any model whose window
 *                      ended after their switch: they could not arrive, whatever the assigner did
 * @param windowMillis  the training window, to express lags in windows
 */
public record DriftLags(int drifting, List<Long> lagsMillis, int alreadyThere, int never, int unreachable,
                        long windowMillis) {

    public DriftLags {
        lagsMillis = List.copyOf(lagsMillis);
    }

    /** Nearest-rank percentile of the lags, in event-time days; NaN without lags. */
    public double percentileDays(double p) {
        return QualityMath.percentile(lagsMillis, p) / 86_400_000.0;
    }

    /** The same percentile in training windows. */
    public double percentileWindows(double p) {
        return QualityMath.percentile(lagsMillis, p) / windowMillis;
    }
}
