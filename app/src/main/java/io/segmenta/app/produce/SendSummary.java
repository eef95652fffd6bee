package io.segmenta.app.produce;

import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * What a send did, so far or in the end.
 *
 * @param sent                   events acknowledged by the broker (at the end) or handed to the producer (so far)
 * @param skippedNoCustomerId    events not sent because they had no customer id (they cannot be keyed)
 * @param elapsed                time since the send started
 * @param lastEventTime          event time of the latest event handed to the producer; null before the first
 * @param stoppedEarly           true when the send was {@link EventProducer#stop() stopped} before the source ended
 */
public record SendSummary(long sent, long skippedNoCustomerId, Duration elapsed, Instant lastEventTime,
                          boolean stoppedEarly) {

    public double eventsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? sent / seconds : 0;
    }

    /** One line, e.g. {@code 120,000 events sent in 3.2 s (37,500 events/s)}. */
    public String describe() {
        NumberFormat f = NumberFormat.getIntegerInstance(Locale.ROOT);
        f.setGroupingUsed(true);
        return f.format(sent) + " events sent in " + String.format(Locale.ROOT, "%.1f s", elapsed.toNanos() / 1e9)
                + " (" + f.format(Math.round(eventsPerSecond())) + " events/s)"
                + (skippedNoCustomerId > 0 ? ", " + f.format(skippedNoCustomerId) + " skipped without customer id" : "")
                + (stoppedEarly ? ", stopped early" : "");
    }
}
