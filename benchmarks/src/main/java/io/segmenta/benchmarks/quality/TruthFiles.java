package io.segmenta.benchmarks.quality;

import io.segmenta.transactions.synthetic.TruthTimeline;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a truth timeline file ({@code truth.csv}) written by the independent generator, with its own reader, so that
 * the benchmark reads the file exactly as the generator means it (dates in the data's time zone).
 */
final class TruthFiles {

    private TruthFiles() {
    }

    static Truth read(Path file) throws IOException {
        TruthTimeline timeline = TruthTimeline.read(file);
        return new Truth() {
            @Override
            public String behaviourAt(String customerId, Instant t) {
                return timeline.behaviourAt(customerId, t);
            }

            @Override
            public Set<String> customers() {
                return timeline.customers();
            }

            @Override
            public Optional<Instant> switchTime(String customerId) {
                return timeline.switchTime(customerId);
            }
        };
    }
}
