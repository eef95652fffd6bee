package io.segmenta.transactions.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A discrete distribution over values (countries, price tiers), with weights that need not sum to 1.
 *
 * @param values  the values, in a fixed order so that draws repeat
 * @param weights their non-negative weights, same order
 */
public record Mix<T>(List<T> values, List<Double> weights) {

    public Mix {
        values = List.copyOf(values);
        weights = List.copyOf(weights);
        if (values.isEmpty() || values.size() != weights.size()) {
            throw new IllegalArgumentException("a mix needs as many weights as values, and at least one");
        }
        if (weights.stream().anyMatch(w -> !(w >= 0)) || weights.stream().mapToDouble(Double::doubleValue).sum() <= 0) {
            throw new IllegalArgumentException("mix weights must be non-negative and not all zero: " + weights);
        }
    }

    @SafeVarargs
    public static <T> Mix<T> of(Map.Entry<T, Double>... entries) {
        List<T> v = new ArrayList<>();
        List<Double> w = new ArrayList<>();
        for (Map.Entry<T, Double> e : entries) {
            v.add(e.getKey());
            w.add(e.getValue());
        }
        return new Mix<>(v, w);
    }

    public T draw(RandomGenerator r) {
        double total = weights.stream().mapToDouble(Double::doubleValue).sum();
        double x = r.nextDouble() * total;
        for (int i = 0; i < values.size(); i++) {
            x -= weights.get(i);
            if (x < 0) {
                return values.get(i);
            }
        }
        for (int i = values.size() - 1; ; i--) { // rounding left x at the total: the last value that can be drawn
            if (weights.get(i) > 0) {
                return values.get(i);
            }
        }
    }
}
