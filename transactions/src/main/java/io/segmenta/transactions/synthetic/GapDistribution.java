package io.segmenta.transactions.synthetic;

import java.util.random.RandomGenerator;

/**
 * Days between two purchases of one customer. Gamma and Weibull rather than the exponential: a shape above 1 gives
 * regular buyers (gaps cluster around the mean), a shape below 1 gives bursty ones (many short gaps, a few very long).
 */
public sealed interface GapDistribution {

    double sampleDays(RandomGenerator r);

    double meanDays();

    /** Gamma with the given shape and mean (scale = mean / shape). */
    record Gamma(double shape, double meanDays) implements GapDistribution {
        public Gamma {
            if (!(shape > 0) || !(meanDays > 0)) {
                throw new IllegalArgumentException("gamma gaps need a positive shape and mean");
            }
        }

        @Override
        public double sampleDays(RandomGenerator r) {
            return Sampling.gamma(r, shape, meanDays / shape);
        }
    }

    /** Weibull with the given shape and scale (days). */
    record Weibull(double shape, double scaleDays) implements GapDistribution {
        public Weibull {
            if (!(shape > 0) || !(scaleDays > 0)) {
                throw new IllegalArgumentException("Weibull gaps need a positive shape and scale");
            }
        }

        @Override
        public double sampleDays(RandomGenerator r) {
            return Sampling.weibull(r, shape, scaleDays);
        }

        @Override
        public double meanDays() {
            return scaleDays * gammaFunction(1 + 1 / shape);
        }

        /** Lanczos approximation; only used to describe the mean. */
        private static double gammaFunction(double x) {
            double[] g = {676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
                    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
            x -= 1;
            double a = 0.99999999999980993;
            double t = x + 7.5;
            for (int i = 0; i < g.length; i++) {
                a += g[i] / (x + i + 1);
            }
            return Math.sqrt(2 * Math.PI) * Math.pow(t, x + 0.5) * Math.exp(-t) * a;
        }
    }
}
