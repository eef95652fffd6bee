package io.segmenta.trainer.fit;

import io.segmenta.assigner.features.FeatureSource;

import java.util.HashMap;
import java.util.Map;

/** A raw row for tests: numeric and categorical values by name, missing when absent. */
public final class MapSource implements FeatureSource {

    private final Map<String, Double> numbers = new HashMap<>();
    private final Map<String, String> categories = new HashMap<>();

    public MapSource num(String name, double value) {
        numbers.put(name, value);
        return this;
    }

    public MapSource cat(String name, String value) {
        categories.put(name, value);
        return this;
    }

    @Override
    public double numeric(String name) {
        return numbers.getOrDefault(name, Double.NaN);
    }

    @Override
    public String category(String name) {
        return categories.get(name);
    }
}
