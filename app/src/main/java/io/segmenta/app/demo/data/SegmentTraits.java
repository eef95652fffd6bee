package io.segmenta.app.demo.data;

import java.util.List;

/**
 * Who a segment's customers are: where and in what they shop and their attributes.
 *
 * @param channels       channels with weights (a customer's primary channel is drawn from these; 80% of its sessions
 *                       use it, the rest another one)
 * @param categories     product categories bought, uniformly
 * @param countries      countries with weights
 * @param ageMean        mean age in years (normal, clipped to 18..90)
 * @param ageSd          standard deviation of age
 * @param incomeMedian   median yearly income (log-normal, sigma 0.3)
 * @param femaleShare    share of gender "F" (the rest "M")
 */
record SegmentTraits(List<Weighted> channels, List<String> categories, List<Weighted> countries, double ageMean,
                     double ageSd, double incomeMedian, double femaleShare) {

    record Weighted(String value, double weight) {
    }

    static Weighted w(String value, double weight) {
        return new Weighted(value, weight);
    }

    static String draw(List<Weighted> options, Rng rng) {
        double[] weights = new double[options.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = options.get(i).weight();
        }
        return options.get(rng.weighted(weights)).value();
    }
}
