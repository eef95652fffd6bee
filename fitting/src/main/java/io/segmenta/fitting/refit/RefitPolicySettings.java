package io.segmenta.fitting.refit;

import io.segmenta.avro.Algorithm;
import io.segmenta.avro.FeatureKind;
import io.segmenta.fitting.estimate.Estimators;
import io.segmenta.fitting.features.FeatureColumn;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How {@link RefitPolicy} decides, validated.
 *
 * @param modelName                name of the model lineage
 * @param algorithm                what is fitted (a registered estimator); a parent of another algorithm is converted
 *                                 into a starting point
 * @param kMin                     smallest k considered
 * @param kMax                     largest k considered; equal to kMin for a fixed k
 * @param features                 the features and their preparation
 * @param halfLifeDays             decay of profile counters, part of the feature spec
 * @param decayFactor              weight of the parent's counts when merged partial sums move the centroids (0: forget)
 * @param maxInertiaIncrease       quality gate: a refit whose inertia on the window's sample exceeds the parent's on the
 *                                 same sample by more than this fraction is refused
 * @param minSilhouetteGainForNewK a refit may change k only when the new k's silhouette beats the current fit's by
 *                                 at least this much
 * @param minSegmentShare          choosing k: a k leaving a segment with less than this share of the sample is not chosen
 * @param seed                     makes every fit repeatable
 * @param producer                 written to the model's tag {@code producer}
 */
public record RefitPolicySettings(String modelName, Algorithm algorithm, int kMin, int kMax,
                                  List<FeatureColumn> features, double halfLifeDays, double decayFactor,
                                  double maxInertiaIncrease, double minSilhouetteGainForNewK, double minSegmentShare,
                                  long seed, String producer) {

    public RefitPolicySettings {
        if (modelName == null || modelName.isBlank()) {
            throw new IllegalArgumentException("modelName must not be blank");
        }
        if (algorithm == null || !Estimators.algorithms().contains(algorithm)) {
            throw new IllegalArgumentException("algorithm must be one of " + Estimators.algorithms() + ", got "
                    + algorithm);
        }
        if (kMin < 2 || kMax < kMin) {
            throw new IllegalArgumentException("k range must satisfy 2 <= kMin <= kMax, got " + kMin + ".." + kMax);
        }
        if (features == null || features.isEmpty()) {
            throw new IllegalArgumentException("at least one feature is needed");
        }
        Set<String> names = new HashSet<>();
        for (FeatureColumn f : features) {
            if (!names.add(f.name())) {
                throw new IllegalArgumentException("feature " + f.name() + " is listed twice");
            }
        }
        features = List.copyOf(features);
        if (!(halfLifeDays > 0) || Double.isInfinite(halfLifeDays)) {
            throw new IllegalArgumentException("halfLifeDays must be a positive number, got " + halfLifeDays);
        }
        if (!(decayFactor >= 0 && decayFactor <= 1)) {
            throw new IllegalArgumentException("decayFactor must be in [0, 1], got " + decayFactor);
        }
        if (!(maxInertiaIncrease >= 0)) {
            throw new IllegalArgumentException("maxInertiaIncrease must be >= 0, got " + maxInertiaIncrease);
        }
        if (!(minSilhouetteGainForNewK >= 0)) {
            throw new IllegalArgumentException("minSilhouetteGainForNewK must be >= 0, got "
                    + minSilhouetteGainForNewK);
        }
        if (!(minSegmentShare >= 0 && minSegmentShare < 0.5)) {
            throw new IllegalArgumentException("minSegmentShare must be in [0, 0.5), got " + minSegmentShare);
        }
        if (producer == null || producer.isBlank()) {
            throw new IllegalArgumentException("producer must not be blank");
        }
    }

    /** Sampled customers needed before anything is fitted: ten per segment of the smallest k, at least 20. */
    public int minimumSample() {
        return Math.max(10 * kMin, 20);
    }

    public List<String> numericFeatureNames() {
        return namesOf(FeatureKind.NUMERIC);
    }

    public List<String> categoricalFeatureNames() {
        return namesOf(FeatureKind.CATEGORICAL);
    }

    public RefitPolicySettings withK(int min, int max) {
        return new RefitPolicySettings(modelName, algorithm, min, max, features, halfLifeDays, decayFactor,
                maxInertiaIncrease, minSilhouetteGainForNewK, minSegmentShare, seed, producer);
    }

    public RefitPolicySettings withAlgorithm(Algorithm a) {
        return new RefitPolicySettings(modelName, a, kMin, kMax, features, halfLifeDays, decayFactor,
                maxInertiaIncrease, minSilhouetteGainForNewK, minSegmentShare, seed, producer);
    }

    public RefitPolicySettings withDecayFactor(double factor) {
        return new RefitPolicySettings(modelName, algorithm, kMin, kMax, features, halfLifeDays, factor,
                maxInertiaIncrease, minSilhouetteGainForNewK, minSegmentShare, seed, producer);
    }

    public RefitPolicySettings withMaxInertiaIncrease(double increase) {
        return new RefitPolicySettings(modelName, algorithm, kMin, kMax, features, halfLifeDays, decayFactor,
                increase, minSilhouetteGainForNewK, minSegmentShare, seed, producer);
    }

    public RefitPolicySettings withMinSilhouetteGainForNewK(double gain) {
        return new RefitPolicySettings(modelName, algorithm, kMin, kMax, features, halfLifeDays, decayFactor,
                maxInertiaIncrease, gain, minSegmentShare, seed, producer);
    }

    public RefitPolicySettings withFeatures(List<FeatureColumn> columns) {
        return new RefitPolicySettings(modelName, algorithm, kMin, kMax, columns, halfLifeDays, decayFactor,
                maxInertiaIncrease, minSilhouetteGainForNewK, minSegmentShare, seed, producer);
    }

    private List<String> namesOf(FeatureKind kind) {
        return features.stream().filter(f -> f.kind() == kind).map(FeatureColumn::name).toList();
    }
}
