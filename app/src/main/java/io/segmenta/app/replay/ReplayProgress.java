package io.segmenta.app.replay;

import java.util.Locale;

/** One progress line of a replay: records done of the range, share, rate and the time left at that rate. */
final class ReplayProgress {

    private ReplayProgress() {
    }

    /**
     * @param done          records of the range processed (committed) so far
     * @param total         records of the range
     * @param elapsedNanos  since the replay started
     */
    static String line(long done, long total, long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        double share = total == 0 ? 1 : (double) done / total;
        String eta = done >= total ? "done" : rate <= 0 ? "ETA -" : "ETA " + duration((total - done) / rate);
        return String.format(Locale.ROOT, "replay: %5.1f %% (%,d of %,d records), %,.0f records/s, %s", 100 * share,
                done, total, rate, eta);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
