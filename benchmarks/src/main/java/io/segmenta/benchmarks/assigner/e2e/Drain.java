package io.segmenta.benchmarks.assigner.e2e;

import java.util.Locale;

/**
 * One app's drain of the pre-loaded events: {@code events} counted over {@code seconds} (from the first commit past
 * the warm-up to the end), their {@code rate}, and {@code sinceLaunch}, the seconds from the app's JVM launch to the
 * end (start-up, restoration and JIT included).
 */
public record Drain(long events, double seconds, double rate, double sinceLaunch) {

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%,d events in %.2f s = %,.0f events/s (%.1f s since launch)", events,
                seconds, rate, sinceLaunch);
    }
}
