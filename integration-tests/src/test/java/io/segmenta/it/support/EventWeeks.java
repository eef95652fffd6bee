package io.segmenta.it.support;

import io.segmenta.app.demo.data.SyntheticPopulation;
import io.segmenta.avro.CustomerEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** A population's events cut into calendar weeks (epoch-aligned, like the trainer's P7D windows), oldest first. */
public final class EventWeeks {

    private static final long WEEK = Duration.ofDays(7).toMillis();

    private EventWeeks() {
    }

    public static List<List<CustomerEvent>> of(SyntheticPopulation population) {
        TreeMap<Long, List<CustomerEvent>> weeks = new TreeMap<>();
        population.events().forEachRemaining(e -> weeks.computeIfAbsent(
                Math.floorDiv(e.getEventTime().toEpochMilli(), WEEK), w -> new ArrayList<>()).add(e));
        return new ArrayList<>(weeks.values());
    }
}
