package io.segmenta.assigner.features;

import java.util.HashMap;
import java.util.Map;

/** A feature source backed by maps, for tests; absent names are missing. */
public final class MapFeatureSource implements FeatureSource {

    private final Map<String, Double> numbers = new HashMap<>();
    private final Map<String, String> categories = new HashMap<>();

    public MapFeatureSource with(String name, double value) {
        numbers.put(name, value);
        return this;
    }

    public MapFeatureSource with(String name, String value) {
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
