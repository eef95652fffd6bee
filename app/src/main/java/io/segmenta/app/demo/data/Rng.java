package io.segmenta.app.demo.data;

/**
 * A small SplitMix64 generator with {@link StrictMath} distributions: the same seed gives the same numbers on
 * every JDK and CPU (unlike {@code java.util.Random}'s Gaussian or {@code SplittableRandom}, whose algorithms are
 * not specified). Not thread-safe; one per customer.
 */
final class Rng {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private long state;

    Rng(long seed) {
        this.state = seed;
    }

    /** An independent stream for {@code (seed, stream)}, e.g. one per customer. */
    static Rng of(long seed, long stream) {
        return new Rng(mix(seed ^ mix(stream * GOLDEN + 0x632BE59BD9B4E019L)));
    }

    /** SplitMix64's finaliser: a good 64-bit hash. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A hash of three values mapped to [0, 1): for per-event decisions that must not depend on draw order. */
    static double unit(long a, long b, long c) {
        return (mix(mix(mix(a) ^ b * GOLDEN) ^ c * 0xD1B54A32D192ED03L) >>> 11) * 0x1.0p-53;
    }

    long nextLong() {
        state += GOLDEN;
        return mix(state);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [lo, hi). */
    double uniform(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    /** Uniform in [0, bound). */
    int nextInt(int bound) {
        return (int) ((nextLong() >>> 33) % bound);
    }

    boolean chance(double p) {
        return nextDouble() < p;
    }

    /** Standard normal (Box-Muller, one value per call). */
    double gaussian() {
        double u = 1.0 - nextDouble(); // (0, 1]
        double v = nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u)) * StrictMath.cos(2.0 * StrictMath.PI * v);
    }

    /** Log-normal with the given median and log-scale sigma. */
    double logNormal(double median, double sigma) {
        return median * StrictMath.exp(sigma * gaussian());
    }

    /** Exponential with the given mean. */
    double exponential(double mean) {
        return -mean * StrictMath.log(1.0 - nextDouble());
    }

    /** Poisson with a small mean (Knuth's method; fine below ~50). */
    int poisson(double mean) {
        if (mean <= 0) {
            return 0;
        }
        double limit = StrictMath.exp(-mean);
        double p = 1.0;
        int k = 0;
        do {
            k++;
            p *= nextDouble();
        } while (p > limit && k < 1000);
        return k - 1;
    }

    /** An index drawn with the given (non-negative, not all zero) weights. */
    int weighted(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double x = nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
