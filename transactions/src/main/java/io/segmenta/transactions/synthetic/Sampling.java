package io.segmenta.transactions.synthetic;

import java.util.random.RandomGenerator;

/** The few distributions the generator draws from, on a seeded {@link RandomGenerator} so that runs repeat. */
final class Sampling {

    private Sampling() {
    }

    /** Gamma(shape, scale) by Marsaglia and Tsang; shapes below 1 through the boost {@code G(k+1) U^(1/k)}. */
    static double gamma(RandomGenerator r, double shape, double scale) {
        if (shape < 1) {
            double u = r.nextDouble();
            return gamma(r, shape + 1, scale) * Math.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = r.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = r.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v * scale;
            }
        }
    }

    /** Weibull(shape, scale) by inversion. */
    static double weibull(RandomGenerator r, double shape, double scale) {
        return scale * Math.pow(-Math.log(1 - r.nextDouble()), 1 / shape);
    }

    /** Poisson(mean): Knuth's product for small means, a rounded normal above 30 (close enough for basket sizes). */
    static int poisson(RandomGenerator r, double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 30) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * r.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double p = r.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= r.nextDouble();
            k++;
        }
        return k;
    }

    /** A log-normal multiplier with mean 1: most customers near 1, a few far above (the heavy tail). */
    static double logNormalMeanOne(RandomGenerator r, double sigma) {
        return Math.exp(sigma * r.nextGaussian() - sigma * sigma / 2);
    }

    /** Uniform integer in [from, to). */
    static int between(RandomGenerator r, int from, int to) {
        return from + r.nextInt(to - from);
    }
}
