package io.segmenta.fitting.kmeans;

import io.segmenta.fitting.Checks;
import io.segmenta.fitting.Vectors;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one worker learns from its share of a mini-batch, assigned against the current centroids: per centroid the
 * vector sum and count of the points nearest to it, the summed squared distance (inertia), and a few candidate points
 * for re-seeding dying centroids. Merging is associative and commutative, so a distributed job computes partials on
 * many workers and ships only k x d numbers (plus k candidates) to the one that applies
 * {@link MiniBatchKMeansModel#update}.
 *
 * <p>The re-seed candidates are a weighted reservoir (Efraimidis and Spirakis 2006) with weight = squared distance to
 * the nearest centroid: keeping the largest keys of the union is D² sampling, as k-means++ and scikit-learn's
 * reassignment do, and the key of a point comes from a hash of its coordinates rather than a worker's random stream,
 * so the merged candidates do not depend on how the batch was sharded.
 *
 * <p>An accumulator: {@link #add} mutates it while one worker folds its points in; {@link #merge} returns a new
 * object and leaves both inputs unchanged.
 */
public final class KMeansPartialSums {

    /** A point offered for re-seeding, with its reservoir key (larger = preferred). */
    public record ReseedCandidate(double[] point, double key) {
    }

    private final double[][] centroids;
    private final double[][] sums;
    private final double[] counts;
    private double inertia;
    private long points;
    private final int candidateCapacity;
    private final long candidateSeed;
    private final List<ReseedCandidate> candidates;

    private KMeansPartialSums(double[][] centroids, int candidateCapacity, long candidateSeed) {
        this.centroids = centroids;
        this.sums = new double[centroids.length][centroids[0].length];
        this.counts = new double[centroids.length];
        this.candidateCapacity = candidateCapacity;
        this.candidateSeed = candidateSeed;
        this.candidates = new ArrayList<>(candidateCapacity + 1);
    }

    /**
     * An empty accumulator that assigns points to {@code model}'s centroids.
     *
     * @param candidateCapacity how many re-seed candidates to keep (0 when re-seeding is off; k is enough)
     * @param candidateSeed     mixes into the candidate keys; use the same value on every worker of one batch
     */
    public static KMeansPartialSums against(KMeansModelData model, int candidateCapacity, long candidateSeed) {
        Checks.atLeast("candidateCapacity", candidateCapacity, 0);
        return new KMeansPartialSums(model.centroidsView(), candidateCapacity, candidateSeed);
    }

    /** Partial sums of a whole batch (or one shard of it). */
    public static KMeansPartialSums compute(KMeansModelData model, double[][] batch, int candidateCapacity,
                                            long candidateSeed) {
        KMeansPartialSums p = against(model, candidateCapacity, candidateSeed);
        for (double[] x : batch) {
            p.add(x);
        }
        return p;
    }

    /** Folds one point in. */
    public KMeansPartialSums add(double[] x) {
        Checks.dimension("point", x, sums[0].length);
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centroids.length; c++) {
            double dd = Vectors.squaredDistance(centroids[c], x);
            if (dd < bestD) {
                bestD = dd;
                best = c;
            }
        }
        double[] s = sums[best];
        for (int j = 0; j < s.length; j++) {
            s[j] += x[j];
        }
        counts[best] += 1;
        inertia += bestD;
        points++;
        if (candidateCapacity > 0 && bestD > 0) {
            offer(x, reservoirKey(x, bestD));
        }
        return this;
    }

    /** The union of two partials of the same batch against the same centroids; neither input changes. */
    public KMeansPartialSums merge(KMeansPartialSums other) {
        if (other.sums.length != sums.length || other.sums[0].length != sums[0].length) {
            throw new IllegalArgumentException("cannot merge partial sums of shape " + other.sums.length + "x"
                    + other.sums[0].length + " into " + sums.length + "x" + sums[0].length);
        }
        KMeansPartialSums out = new KMeansPartialSums(centroids, Math.max(candidateCapacity, other.candidateCapacity),
                candidateSeed);
        for (int c = 0; c < sums.length; c++) {
            for (int j = 0; j < sums[c].length; j++) {
                out.sums[c][j] = sums[c][j] + other.sums[c][j];
            }
            out.counts[c] = counts[c] + other.counts[c];
        }
        out.inertia = inertia + other.inertia;
        out.points = points + other.points;
        for (ReseedCandidate rc : candidates) {
            out.offer(rc.point(), rc.key());
        }
        for (ReseedCandidate rc : other.candidates) {
            out.offer(rc.point(), rc.key());
        }
        return out;
    }

    /** The accumulator's contents as plain arrays, to ship to the worker that merges (see {@link #restore}). */
    public Snapshot snapshot() {
        double[][] points = new double[candidates.size()][];
        double[] keys = new double[candidates.size()];
        for (int i = 0; i < points.length; i++) {
            points[i] = candidates.get(i).point().clone();
            keys[i] = candidates.get(i).key();
        }
        return new Snapshot(sums(), counts(), inertia, this.points, points, keys);
    }

    /** An accumulator against {@code model} holding what {@link #snapshot()} shipped. */
    public static KMeansPartialSums restore(KMeansModelData model, Snapshot snapshot, int candidateCapacity,
                                            long candidateSeed) {
        KMeansPartialSums p = against(model, candidateCapacity, candidateSeed);
        if (snapshot.sums().length != p.sums.length || snapshot.sums()[0].length != p.sums[0].length) {
            throw new IllegalArgumentException("snapshot is " + snapshot.sums().length + "x" + snapshot.sums()[0].length
                    + " but the model is " + p.sums.length + "x" + p.sums[0].length);
        }
        for (int c = 0; c < p.sums.length; c++) {
            System.arraycopy(snapshot.sums()[c], 0, p.sums[c], 0, p.sums[c].length);
        }
        System.arraycopy(snapshot.counts(), 0, p.counts, 0, p.counts.length);
        p.inertia = snapshot.inertia();
        p.points = snapshot.points();
        for (int i = 0; i < snapshot.candidatePoints().length; i++) {
            p.offer(snapshot.candidatePoints()[i], snapshot.candidateKeys()[i]);
        }
        return p;
    }

    /** Plain-array form of the accumulator. */
    public record Snapshot(double[][] sums, double[] counts, double inertia, long points, double[][] candidatePoints,
                           double[] candidateKeys) {
    }

    public int k() {
        return counts.length;
    }

    public int dimension() {
        return sums[0].length;
    }

    /** Vector sum of the points nearest to each centroid (a copy). */
    public double[][] sums() {
        return Vectors.copy(sums);
    }

    /** Number of points nearest to each centroid (a copy). */
    public double[] counts() {
        return counts.clone();
    }

    /** Sum of squared distances of the points to their nearest centroid. */
    public double inertia() {
        return inertia;
    }

    public long points() {
        return points;
    }

    /** Re-seed candidates, best first. */
    public List<ReseedCandidate> candidates() {
        return Collections.unmodifiableList(candidates);
    }

    double[][] sumsView() {
        return sums;
    }

    double[] countsView() {
        return counts;
    }

    private void offer(double[] x, double key) {
        int n = candidates.size();
        if (n == candidateCapacity && key <= candidates.get(n - 1).key()) {
            return;
        }
        int at = n;
        while (at > 0 && candidates.get(at - 1).key() < key) {
            at--;
        }
        candidates.add(at, new ReseedCandidate(x.clone(), key));
        if (candidates.size() > candidateCapacity) {
            candidates.remove(candidates.size() - 1);
        }
    }

    /** log(u) / w with u uniform in (0, 1) derived from the point's bits: the A-Res key, in log form. */
    private double reservoirKey(double[] x, double weight) {
        long h = candidateSeed;
        for (double v : x) {
            h = mix(h ^ Double.doubleToLongBits(v));
        }
        double u = ((mix(h) >>> 11) + 0.5) * 0x1.0p-53;
        return Math.log(u) / weight;
    }

    /** SplitMix64 finaliser. */
    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
