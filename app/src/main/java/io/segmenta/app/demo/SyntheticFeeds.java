package io.segmenta.app.demo;

import io.segmenta.app.demo.data.SyntheticEventStream;
import io.segmenta.app.demo.data.SyntheticOptions;
import io.segmenta.app.demo.data.SyntheticPopulation;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Synthetic demo data with known segments and scheduled drift (see {@code io.segmenta.app.demo.data}). */
final class SyntheticFeeds {

    private SyntheticFeeds() {
    }

    static DemoFeed of(int customers, int days, long seed) {
        SyntheticPopulation population = SyntheticPopulation.generate(SyntheticOptions.defaults()
                .withCustomers(customers).withDays(days).withSeed(seed));
        Map<String, String> truth = new HashMap<>();
        population.customers().forEach(c -> truth.put(c.id(), population.truth(c.id())));
        SyntheticEventStream[] stream = new SyntheticEventStream[1];
        long totalHours = Duration.between(population.start(), population.end()).toHours();
        return new DemoFeed(customers + " synthetic customers over " + days + " days (seed " + seed + ", drift at "
                + population.driftTime() + ")",
                sink -> {
                    stream[0] = population.events();
                    stream[0].forEachRemaining(sink);
                },
                () -> stream[0] == null ? 0 : Duration.between(population.start(), stream[0].streamTime()).toHours(),
                totalHours, truth);
    }
}
