package io.segmenta.assigner.scoring;

import io.segmenta.assigner.IncompatibleModelException;
import io.segmenta.assigner.features.FeatureSource;
import io.segmenta.assigner.features.FeatureVectorizer;
import io.segmenta.avro.Algorithm;
import io.segmenta.avro.FeatureContribution;
import io.segmenta.avro.Segment;
import io.segmenta.avro.SegmentModel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Assigns vectors to the segments of one {@link SegmentModel}: nearest centroid for KMEANS, maximum posterior for
 * GMM_DIAGONAL and GMM_FULL. Compiled once per model (parameters copied into flat arrays, covariances
 * factorised); then immutable and thread-safe. {@link #score} and {@link #assign} allocate nothing; give each
 * thread its own {@link Assignment}. Equal scores go to the segment listed first. The variants taking a current
 * segment and a {@link SwitchMargin} keep a customer's segment unless the best one clearly beats it.
 */
public abstract sealed class SegmentScorer permits KMeansScorer, GaussianScorer {

    final String modelName;
    final long modelVersion;
    final Algorithm algorithm;
    final FeatureVectorizer vectorizer;
    final int k;
    final int d;
    final int[] segmentIds;
    final String[] labels;
    /** Centroids or means, row-major k x d. */
    final double[] means;

    SegmentScorer(SegmentModel model, FeatureVectorizer vectorizer) {
        this.modelName = model.getModelName();
        this.modelVersion = model.getVersion();
        this.algorithm = model.getAlgorithm();
        this.vectorizer = vectorizer;
        List<Segment> segments = model.getSegments();
        this.k = segments.size();
        this.d = vectorizer.dimension();
        this.segmentIds = new int[k];
        this.labels = new String[k];
        this.means = new double[k * d];
        for (int j = 0; j < k; j++) {
            Segment s = segments.get(j);
            segmentIds[j] = s.getSegmentId();
            labels[j] = s.getLabel();
            List<Double> centroid = s.getCentroid();
            for (int c = 0; c < d; c++) {
                means[j * d + c] = centroid.get(c);
            }
        }
    }

    /** Validates with {@link ModelValidator#standard()} and compiles. */
    public static SegmentScorer compile(SegmentModel model) {
        return compile(model, ModelValidator.standard());
    }

    /**
     * Validates the model and compiles a scorer for its algorithm.
     *
     * @throws IncompatibleModelException if the validator refuses the model, or a full covariance is not positive
     *                                    definite even after a small ridge
     */
    public static SegmentScorer compile(SegmentModel model, ModelValidator validator) {
        FeatureVectorizer vectorizer = validator.validate(model);
        return switch (model.getAlgorithm()) {
            case KMEANS -> new KMeansScorer(model, vectorizer);
            case GMM_DIAGONAL -> new DiagonalGaussianScorer(model, vectorizer);
            case GMM_FULL -> new FullGaussianScorer(model, vectorizer);
            default -> throw new IncompatibleModelException(ModelValidator.describe(model)
                    + ": algorithm " + model.getAlgorithm() + " is not supported");
        };
    }

    /**
     * Scores a vector already in the model's scaled space (length at least {@link #dimension()}).
     *
     * @throws IllegalArgumentException if the vector is too short or not finite
     */
    public abstract void score(double[] vector, Assignment out);

    /** Vectorizes the features into {@code out}'s own buffer ({@link Assignment#vector()}) and scores them. */
    public final void assign(FeatureSource features, Assignment out) {
        double[] x = out.vectorBuffer(d);
        vectorizer.vectorize(features, x);
        score(x, out);
    }

    /**
     * Scores like {@link #score(double[], Assignment)}, then keeps the customer's current segment unless the best one
     * beats it by {@code margin} (see {@link SwitchMargin} for the rules). The best segment is taken when the customer
     * has no segment yet ({@link Assignment#NO_SEGMENT}) or its current segment is not in this model (a refit where
     * it died or merged). When the current segment is kept, {@code out} describes it (index, id, label, its own
     * distance and confidence), the held-back best is its runner-up, and {@link Assignment#heldBack()} is true.
     * With {@link SwitchMargin#NONE} the result is exactly {@link #score(double[], Assignment)}'s.
     */
    public final void score(double[] vector, int currentSegmentId, SwitchMargin margin, Assignment out) {
        score(vector, out);
        int current = indexOf(currentSegmentId);
        if (current >= 0 && current != out.segmentIndex) {
            keepUnlessBeaten(current, vector, margin, out);
        }
    }

    /** {@link #assign(FeatureSource, Assignment)} with a switch margin, as in {@link #score(double[], int, SwitchMargin, Assignment)}. */
    public final void assign(FeatureSource features, int currentSegmentId, SwitchMargin margin, Assignment out) {
        double[] x = out.vectorBuffer(d);
        vectorizer.vectorize(features, x);
        score(x, currentSegmentId, margin, out);
    }

    /**
     * Called right after a scoring of {@code vector} that chose another segment than the customer's current one,
     * when a rule outside the scorer holds her where she is ({@link SwitchPersistence}): {@code out} then describes
     * the current segment, the chosen one becomes its runner-up and {@link Assignment#heldBack()} is true, exactly as
     * when the margin keeps her. Does nothing when {@code out} already holds the current segment or the current
     * segment is not in this model.
     */
    public final void hold(double[] vector, int currentSegmentId, Assignment out) {
        int current = indexOf(currentSegmentId);
        if (current >= 0 && current != out.segmentIndex) {
            keepCurrent(current, vector, out);
        }
    }

    /** Replaces the scored best segment in {@code out} by {@code current} ({@link Assignment#keep}). */
    abstract void keepCurrent(int current, double[] x, Assignment out);

    /**
     * Called right after {@link #score(double[], Assignment)} put another segment than {@code current} in {@code out}:
     * replaces it by {@code current} ({@link Assignment#keep}) unless it beats {@code current} by the margin.
     */
    abstract void keepUnlessBeaten(int current, double[] x, SwitchMargin margin, Assignment out);

    /**
     * The input features that most pulled {@code vector} towards the chosen segment rather than the runner-up,
     * largest first; one-hot columns are summed back to their input feature. A contribution is the per-column
     * share of the score gap: K-Means squared distance to the runner-up minus to the chosen centre; GMM half
     * the difference of squared Mahalanobis terms (weights and log-determinants, not per feature, are left out).
     * Contributions of all features add up to that gap. For a segment {@linkplain Assignment#heldBack() kept} by the
     * switch margin the runner-up is the best segment, so the gap is negative: the features listed first are those
     * that still speak for the kept segment. Allocates; call it off the hot path.
     *
     * @param assignment the result of scoring this same vector with this scorer
     * @param topN       how many features to return, at most; 0 gives none
     * @return empty when the model has a single segment
     */
    public List<FeatureContribution> explain(double[] vector, Assignment assignment, int topN) {
        Objects.requireNonNull(assignment, "assignment");
        if (topN < 0) {
            throw new IllegalArgumentException("topN must not be negative, was " + topN);
        }
        checkVector(vector);
        if (!assignment.hasRunnerUp() || topN == 0) {
            return List.of();
        }
        if (assignment.segmentIndex >= k || segmentIds[assignment.segmentIndex] != assignment.segmentId) {
            throw new IllegalArgumentException("assignment " + assignment + " was not made by this scorer");
        }
        double[] chosen = new double[d];
        double[] runnerUp = new double[d];
        columnTerms(assignment.segmentIndex, vector, chosen);
        columnTerms(assignment.runnerUpIndex, vector, runnerUp);
        double[] perFeature = new double[vectorizer.featureNames().size()];
        for (int c = 0; c < d; c++) {
            perFeature[vectorizer.featureOfColumn(c)] += runnerUp[c] - chosen[c];
        }
        List<FeatureContribution> all = new ArrayList<>(perFeature.length);
        for (int f = 0; f < perFeature.length; f++) {
            all.add(new FeatureContribution(vectorizer.featureNames().get(f), perFeature[f]));
        }
        all.sort(Comparator.comparingDouble(FeatureContribution::getContribution).reversed());
        return List.copyOf(all.subList(0, Math.min(topN, all.size())));
    }

    /** Per-column terms whose sum is the segment's score penalty (squared distance or half Mahalanobis). */
    abstract void columnTerms(int segment, double[] x, double[] out);

    final void checkVector(double[] vector) {
        if (vector.length < d) {
            throw new IllegalArgumentException("vector has " + vector.length + " values, the model needs " + d);
        }
    }

    /** Called when no segment got a comparable score: the vector had NaN or infinite values. */
    final IllegalArgumentException notFinite(double[] vector) {
        return new IllegalArgumentException("vector is not finite: " + java.util.Arrays.toString(vector));
    }

    public String modelName() {
        return modelName;
    }

    public long modelVersion() {
        return modelVersion;
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    /** The model's vectorizer: profiles must be vectorized with it. */
    public FeatureVectorizer vectorizer() {
        return vectorizer;
    }

    public int dimension() {
        return d;
    }

    public int segmentCount() {
        return k;
    }

    /** Stable segment id of the segment at a position in the model. */
    public int segmentId(int index) {
        return segmentIds[index];
    }

    public String label(int index) {
        return labels[index];
    }

    /** Position of a segment id in the model, or -1. */
    public int indexOf(int segmentId) {
        for (int j = 0; j < k; j++) {
            if (segmentIds[j] == segmentId) {
                return j;
            }
        }
        return -1;
    }

    /** Notes from compilation, e.g. covariances that needed a small ridge; empty for most models. */
    public List<String> warnings() {
        return List.of();
    }

    /** A new result holder; equivalent to {@code new Assignment()}. */
    public Assignment newAssignment() {
        return new Assignment();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{model='" + modelName + "' v" + modelVersion + ", k=" + k + ", d=" + d + '}';
    }
}
