package io.segmenta.trainer.job;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

import java.time.Duration;

/**
 * Bounded-out-of-orderness watermarks that are also emitted at once when an event moves them past a training-window
 * boundary. Periodic watermarks alone make the windows depend on timing: a source that reads a whole backlog between
 * two periodic emissions (a backfill, a replay, a fast test) would close one window where its event times span many.
 * With this, every boundary the events cross closes its window, however fast they arrive.
 */
final class WindowBoundaryWatermarks<T> implements WatermarkGenerator<T> {

    private final long outOfOrderness;
    private final long windowSize;
    private long maxTimestamp = Long.MIN_VALUE;
    private long lastBoundary = Long.MIN_VALUE;

    WindowBoundaryWatermarks(Duration outOfOrderness, Duration window) {
        this.outOfOrderness = outOfOrderness.toMillis();
        this.windowSize = window.toMillis();
        if (this.outOfOrderness < 0 || windowSize <= 0) {
            throw new IllegalArgumentException("out-of-orderness must be >= 0 and the window > 0, got "
                    + outOfOrderness + " and " + window);
        }
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        if (eventTimestamp <= maxTimestamp) {
            return;
        }
        maxTimestamp = eventTimestamp;
        long boundary = lastWindowEnd(current(), windowSize);
        if (lastBoundary != Long.MIN_VALUE && boundary > lastBoundary) {
            output.emitWatermark(new Watermark(current()));
        }
        lastBoundary = boundary;
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (maxTimestamp != Long.MIN_VALUE) {
            output.emitWatermark(new Watermark(current()));
        }
    }

    /**
     * The end of the latest training window a watermark has passed: windows are tumbling multiples of
     * {@code windowMillis} from the epoch, and a watermark of t means every event up to t has arrived.
     */
    static long lastWindowEnd(long watermark, long windowMillis) {
        return Math.floorDiv(watermark + 1, windowMillis) * windowMillis;
    }

    private long current() {
        return maxTimestamp - outOfOrderness - 1;
    }
}
