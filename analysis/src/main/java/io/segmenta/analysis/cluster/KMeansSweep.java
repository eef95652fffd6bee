package io.segmenta.analysis.cluster;

import io.segmenta.fitting.assembly.SegmentFit;
import io.segmenta.fitting.kmeans.BatchKMeans;
import io.segmenta.fitting.kmeans.MiniBatchKMeansModel;

import java.util.ArrayList;
import java.util.List;

/** Batch K-Means (Smile, k-means++ seeding, best of a few runs) for every k: the elbow curve and the candidates. */
public final class KMeansSweep {

    static final int MAX_ITERATIONS = 100;
    static final int RUNS = 4;

    private KMeansSweep() {
    }

    /** Labels of one seeded batch K-Means fit (a start for other algorithms). */
    static int[] labels(double[][] x, int k, long seed) {
        return BatchKMeans.fit(x, k, MAX_ITERATIONS, RUNS, seed).predict(x);
    }

    public static List<Candidate> run(double[][] x, List<Integer> ks, Scorer scorer, long seed) {
        List<Candidate> out = new ArrayList<>();
        for (int k : ks) {
            MiniBatchKMeansModel model = BatchKMeans.fit(x, k, MAX_ITERATIONS, RUNS, seed);
            int[] labels = model.predict(x);
            SegmentFit fit = SegmentFit.kmeans(model, x);
            out.add(new Candidate(Method.KMEANS, "", k, labels, fit.centroids(), scorer.score(x, labels, k, null),
                    "best of " + RUNS + " k-means++ runs, at most " + MAX_ITERATIONS + " Lloyd iterations", fit));
        }
        return out;
    }
}
