package io.segmenta.fitting.refit;

import io.segmenta.assigner.features.FeatureCatalog;
import io.segmenta.avro.Algorithm;
import io.segmenta.avro.FeatureKind;
import io.segmenta.avro.FeatureTime;
import io.segmenta.fitting.estimate.Estimators;
import io.segmenta.fitting.features.FeatureColumn;
import io.segmenta.fitting.profile.Lifecycle;

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
 * @param readAt                   when a customer's profile is read (the customer's last event, or the window end),
 *                                 part of the feature spec; recency is no feature when read at the last event (it is 0)
 * @param decayFactor              weight of the parent's counts when merged partial sums move the centroids (0: forget)
 * @param maxInertiaIncrease       quality gate: a refit whose inertia on the window's sample exceeds the parent's on the
 *                                 same sample by more than this fraction is refused
 * @param minInertiaGain           a refit replaces the parent's centroids only when its inertia on the window's sample
 *                                 is at least this fraction below the parent's; otherwise the parent's geometry is
 *                                 kept (0: every refit replaces it). On data without sharp clusters two fits of the
 *                                 same population differ by an arbitrary rotation of their boundaries, and each such
 *                                 refit would move customers for no reason in the data
 * @param minSilhouetteGainForNewK a refit may change k only when the new k's silhouette beats the current fit's by
 *                                 at least this much
 * @param kChangeWindows           ... and only when the same k has won so in this many consecutive windows (1: at
 *                                 once); one window's sample can favour another k by chance, a real change persists
 * @param minSegmentShare          choosing k: a k leaving a segment with less than this share of the sample is not chosen
 * @param lifecycle                the days behind the labels' lifecycle words (new, lapsed, ...)
 * @param seed                     makes every fit repeatable
 * @param producer                 written to the model's tag {@code producer}
 */
public record RefitPolicySettings(String modelName, Algorithm algorithm, int kMin, int kMax,
                                  List<FeatureColumn> features, double halfLifeDays, FeatureTime readAt,
                                  double decayFactor,
                                  double maxInertiaIncrease, double minInertiaGain, double minSilhouetteGainForNewK,
                                  int kChangeWindows,
                                  double minSegmentShare, Lifecycle lifecycle, long seed, String producer) {

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
        java.util.Objects.requireNonNull(readAt, "readAt");
        if (readAt == FeatureTime.LAST_EVENT && names.contains(FeatureCatalog.RECENCY_DAYS)) {
            throw new IllegalArgumentException(FeatureCatalog.RECENCY_DAYS + " is 0 for everyone when profiles are read "
                    + "at the customer's last event: leave it out, or read at the window end");
        }
        if (!(decayFactor >= 0 && decayFactor <= 1)) {
            throw new IllegalArgumentException("decayFactor must be in [0, 1], got " + decayFactor);
        }
        if (!(maxInertiaIncrease >= 0)) {
            throw new IllegalArgumentException("maxInertiaIncrease must be >= 0, got " + maxInertiaIncrease);
        }
        if (!(minInertiaGain >= 0 && minInertiaGain < 1)) {
            throw new IllegalArgumentException("minInertiaGain must be in [0, 1), got " + minInertiaGain);
        }
        if (!(minSilhouetteGainForNewK >= 0)) {
            throw new IllegalArgumentException("minSilhouetteGainForNewK must be >= 0, got "
                    + minSilhouetteGainForNewK);
        }
        if (kChangeWindows < 1 || kChangeWindows > 100) {
            throw new IllegalArgumentException("kChangeWindows must be in [1, 100], got " + kChangeWindows);
        }
        if (!(minSegmentShare >= 0 && minSegmentShare < 0.5)) {
            throw new IllegalArgumentException("minSegmentShare must be in [0, 0.5), got " + minSegmentShare);
        }
        java.util.Objects.requireNonNull(lifecycle, "lifecycle");
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

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Settings value by value, for callers that change a few of them (tests, the trainer's own settings);
     * {@link #build()} validates.
     */
    public static final class Builder {
        private String modelName;
        private Algorithm algorithm;
        private int kMin;
        private int kMax;
        private List<FeatureColumn> features;
        private double halfLifeDays;
        private FeatureTime readAt;
        private double decayFactor;
        private double maxInertiaIncrease;
        private double minSilhouetteGainForNewK;
        private double minInertiaGain;
        private int kChangeWindows;
        private double minSegmentShare;
        private Lifecycle lifecycle;
        private long seed;
        private String producer;

        private Builder(RefitPolicySettings s) {
            modelName = s.modelName;
            algorithm = s.algorithm;
            kMin = s.kMin;
            kMax = s.kMax;
            features = s.features;
            halfLifeDays = s.halfLifeDays;
            readAt = s.readAt;
            decayFactor = s.decayFactor;
            maxInertiaIncrease = s.maxInertiaIncrease;
            minSilhouetteGainForNewK = s.minSilhouetteGainForNewK;
            minInertiaGain = s.minInertiaGain;
            kChangeWindows = s.kChangeWindows;
            minSegmentShare = s.minSegmentShare;
            lifecycle = s.lifecycle;
            seed = s.seed;
            producer = s.producer;
        }

        /** k from {@code min} to {@code max}; equal for a fixed k. */
        public Builder k(int min, int max) {
            kMin = min;
            kMax = max;
            return this;
        }

        public Builder algorithm(Algorithm a) {
            algorithm = a;
            return this;
        }

        public Builder features(List<FeatureColumn> columns) {
            features = columns;
            return this;
        }

        public Builder readAt(FeatureTime time) {
            readAt = time;
            return this;
        }

        public Builder decayFactor(double factor) {
            decayFactor = factor;
            return this;
        }

        public Builder maxInertiaIncrease(double increase) {
            maxInertiaIncrease = increase;
            return this;
        }

        public Builder minSilhouetteGainForNewK(double gain) {
            minSilhouetteGainForNewK = gain;
            return this;
        }

        public Builder lifecycle(Lifecycle l) {
            lifecycle = l;
            return this;
        }

        public Builder minInertiaGain(double gain) {
            minInertiaGain = gain;
            return this;
        }

        public Builder kChangeWindows(int windows) {
            kChangeWindows = windows;
            return this;
        }

        /** @throws IllegalArgumentException naming the value that is out of range */
        public RefitPolicySettings build() {
            return new RefitPolicySettings(modelName, algorithm, kMin, kMax, features, halfLifeDays, readAt, decayFactor,
                    maxInertiaIncrease, minInertiaGain, minSilhouetteGainForNewK, kChangeWindows, minSegmentShare, lifecycle, seed,
                    producer);
        }
    }

    private List<String> namesOf(FeatureKind kind) {
        return features.stream().filter(f -> f.kind() == kind).map(FeatureColumn::name).toList();
    }
}
