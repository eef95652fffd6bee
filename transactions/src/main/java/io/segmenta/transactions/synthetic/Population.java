package io.segmenta.transactions.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** Who is who: behaviours in exact proportions, ids, and who switches; all shuffled so that no order gives it away. */
final class Population {

    private Population() {
    }

    /** Exactly round(share x n) customers per behaviour (largest remainders), in random order. */
    static List<Behaviour> firstBehaviours(List<Behaviour> behaviours, int n, RandomGenerator r) {
        double total = behaviours.stream().mapToDouble(Behaviour::share).sum();
        if (!(total > 0)) {
            throw new IllegalArgumentException("behaviour shares must not all be zero");
        }
        int[] counts = new int[behaviours.size()];
        double[] remainders = new double[behaviours.size()];
        int given = 0;
        for (int i = 0; i < counts.length; i++) {
            double exact = behaviours.get(i).share() / total * n;
            counts[i] = (int) Math.floor(exact);
            remainders[i] = exact - counts[i];
            given += counts[i];
        }
        while (given < n) {
            int best = 0;
            for (int i = 1; i < remainders.length; i++) {
                if (remainders[i] > remainders[best]) {
                    best = i;
                }
            }
            counts[best]++;
            remainders[best] = -1;
            given++;
        }
        List<Behaviour> out = new ArrayList<>(n);
        for (int i = 0; i < counts.length; i++) {
            for (int k = 0; k < counts[i]; k++) {
                out.add(behaviours.get(i));
            }
        }
        shuffle(out, r);
        return out;
    }

    static int[] shuffledIds(int first, int n, RandomGenerator r) {
        List<Integer> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(first + i);
        }
        shuffle(ids, r);
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Exactly k of n chosen at random. */
    static boolean[] chosen(int n, int k, RandomGenerator r) {
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        shuffle(order, r);
        boolean[] out = new boolean[n];
        for (int i = 0; i < k; i++) {
            out[order.get(i)] = true;
        }
        return out;
    }

    private static <T> void shuffle(List<T> list, RandomGenerator r) {
        java.util.Collections.shuffle(list, r);
    }
}
