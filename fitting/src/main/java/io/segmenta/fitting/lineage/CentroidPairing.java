package io.segmenta.fitting.lineage;

import io.segmenta.fitting.Vectors;

import java.util.ArrayList;
import java.util.List;

/**
 * Fates by centroid distance alone, for when no member overlap says where the members went (first refit after a
 * restart, no sample) and for the segments and clusters the sample holds no member of: a minimum-cost assignment
 * ({@link HungarianAlgorithm}) of clusters to previous segments on Euclidean distance, where a pair within
 * {@code maxShift} SURVIVED; the rest are BIRTHs and DEATHs.
 */
final class CentroidPairing {

    private CentroidPairing() {
    }

    /**
     * @param olds indices into {@code previous} to pair
     * @param news indices into {@code newCentroids} to pair
     */
    static List<Fate> decide(List<PreviousSegment> previous, List<Integer> olds, double[][] newCentroids,
                             List<Integer> news, double maxShift) {
        boolean[] oldPaired = new boolean[olds.size()];
        boolean[] newPaired = new boolean[news.size()];
        List<Fate> fates = new ArrayList<>();
        if (!olds.isEmpty() && !news.isEmpty()) {
            double[][] dist = new double[news.size()][olds.size()];
            for (int i = 0; i < news.size(); i++) {
                for (int j = 0; j < olds.size(); j++) {
                    dist[i][j] = Vectors.distance(newCentroids[news.get(i)], previous.get(olds.get(j)).centroidView());
                }
            }
            int[] pairs = HungarianAlgorithm.solve(dist);
            for (int i = 0; i < news.size(); i++) {
                int j = pairs[i];
                if (j >= 0 && dist[i][j] <= maxShift) {
                    fates.add(Fate.survived(olds.get(j), news.get(i), null));
                    oldPaired[j] = true;
                    newPaired[i] = true;
                }
            }
        }
        for (int i = 0; i < news.size(); i++) {
            if (!newPaired[i]) {
                fates.add(Fate.birth(news.get(i)));
            }
        }
        for (int j = 0; j < olds.size(); j++) {
            if (!oldPaired[j]) {
                fates.add(Fate.death(olds.get(j)));
            }
        }
        return fates;
    }
}
