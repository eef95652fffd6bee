package io.segmenta.benchmarks.quality;

import io.segmenta.app.demo.DemoFeed;
import io.segmenta.app.demo.data.SyntheticOptions;
import io.segmenta.app.demo.data.SyntheticPopulation;
import io.segmenta.transactions.TransactionMapping;
import io.segmenta.transactions.TransactionMappings;
import io.segmenta.transactions.TransactionReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The feeds the benchmark runs on, built as {@code ./segment demo} builds them (its factories are package-private to
 * the demo): the demo's synthetic population, or a transactions file or folder read with a column mapping.
 */
final class Feeds {

    private Feeds() {
    }

    static DemoFeed of(QualityOptions options) throws IOException {
        return options.synthetic() ? synthetic(options) : transactions(options);
    }

    /** The demo's synthetic customers; their truth is the latent segment each was drawn from. */
    static DemoFeed synthetic(QualityOptions options) {
        SyntheticPopulation population = SyntheticPopulation.generate(SyntheticOptions.defaults()
                .withCustomers(options.customers()).withDays(options.days()).withSeed(options.seed()));
        Map<String, String> truth = new HashMap<>();
        population.customers().forEach(c -> truth.put(c.id(), population.truth(c.id())));
        return new DemoFeed(options.customers() + " demo synthetic customers over " + options.days() + " days (seed "
                + options.seed() + ", scheduled drift at " + population.driftTime() + ")",
                sink -> population.events().forEachRemaining(sink), () -> 0, 0, truth);
    }

    static DemoFeed transactions(QualityOptions options) throws IOException {
        Path path = Path.of(options.data());
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("no such file or folder: " + path);
        }
        TransactionMapping mapping = options.mapping() != null ? TransactionMappings.resolve(options.mapping())
                : TransactionMappings.detect(path).orElseThrow(() -> new IllegalArgumentException(
                "cannot tell the column mapping of " + path + ": pass --mapping (built in: "
                        + TransactionMappings.BUILT_IN + ")"));
        TransactionReader reader = new TransactionReader(mapping);
        int files = TransactionReader.files(path).size();
        AtomicLong filesRead = new AtomicLong();
        return new DemoFeed(path + " (" + mapping.name() + " mapping, " + files + " file(s))",
                sink -> System.err.println("  " + reader.read(path, sink::accept, f -> filesRead.incrementAndGet())
                        .describe()), filesRead::get, files, Map.of());
    }
}
