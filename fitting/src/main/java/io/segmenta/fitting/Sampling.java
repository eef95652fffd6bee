package io.segmenta.fitting;

import java.util.SplittableRandom;

/** Seeded index sampling, so every metric or fit that looks at a sample is reproducible. */
public final class Sampling {

    private Sampling() {
    }

    /**
     * {@code min(size, n)} distinct indices of {@code 0..n-1}, uniformly, in ascending order (Floyd's algorithm would
     * do too; a partial Fisher-Yates over an index array is simpler and n is at most a few million here).
     * Returns all indices when size >= n.
     */
    public static int[] withoutReplacement(int n, int size, long seed) {
        if (size >= n) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        int[] out = java.util.Arrays.copyOf(idx, size);
        java.util.Arrays.sort(out);
        return out;
    }
}
