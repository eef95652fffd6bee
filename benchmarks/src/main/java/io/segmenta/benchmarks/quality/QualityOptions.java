package io.segmenta.benchmarks.quality;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Options of one benchmark run (see {@link SegmentQualityBenchmark} for their command-line names).
 *
 * @param data        {@code synthetic} or a transactions file or folder
 * @param truth       truth timeline CSV ({@code customer_id,from,behaviour}), null = none (or the demo's own truth)
 * @param speed       0 = as fast as possible, otherwise event-time seconds replayed per wall-clock second
 * @param k           segments: a number or a range such as 3..8; null = the truth's number of behaviours, or 3..8
 * @param warmupModels models left out of the "after warm-up" statistics (the first fits see a growing population)
 * @param settle      quiet time of all outputs, after the feed is sent, that ends the run
 * @param maxDuration wall time after which the run stops even if the outputs have not settled
 * @param trainerSettings  further trainer settings over the demo's (a baseline with another rule in the same run)
 * @param assignerSettings further assigner settings over the demo's (e.g. the switch margin of a trade-off sweep)
 */
public record QualityOptions(String data, String mapping, Path truth, double speed, Duration window, String k,
                             long seed, int customers, int days, int warmupModels, Duration settle,
                             Duration maxDuration, Path out, Path json, Map<String, String> trainerSettings,
                             Map<String, String> assignerSettings) {

    public QualityOptions {
        trainerSettings = trainerSettings == null ? Map.of() : Map.copyOf(trainerSettings);
        assignerSettings = assignerSettings == null ? Map.of() : Map.copyOf(assignerSettings);
    }

    boolean synthetic() {
        return "synthetic".equals(data);
    }
}
