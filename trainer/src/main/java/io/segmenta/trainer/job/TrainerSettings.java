package io.segmenta.trainer.job;

import io.segmenta.assigner.dedup.DedupPolicy;
import io.segmenta.schemas.TopicNames;
import io.segmenta.assigner.events.EventRules;
import io.segmenta.assigner.features.FeatureCatalog;
import io.segmenta.avro.Algorithm;
import io.segmenta.avro.Transform;
import io.segmenta.fitting.features.FeatureColumn;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the trainer learns and how often, with defaults and validation (Flink ML style). Kafka wiring lives in
 * {@link TrainerKafkaSettings}; these are the parts the pipeline itself needs, so tests build a pipeline from them
 * with any sources and sinks.
 *
 * @param modelName                name of the model lineage, the key on {@code segment-models}
 * @param algorithm                KMEANS, GMM_DIAGONAL or GMM_FULL
 * @param kMin                     smallest k considered when a model is fitted from a sample
 * @param kMax                     largest k considered; equal to kMin for a fixed k
 * @param window                   training window (tumbling, event time)
 * @param outOfOrderness           how late events may be before the watermark passes them (they still update profiles)
 * @param idleness                 a source partition with no events for this long stops holding the watermark back
 * @param halfLifeDays             decay of profile counters; part of the feature spec (assigners must use the same)
 * @param features                 the profile features and their preparation
 * @param samplePerSubtask         customers each worker samples per window (first fit, profiles, quality, overlap)
 * @param decayFactor              weight of the parent's counts when merged partial sums refit K-Means (0: forget)
 * @param maxInertiaIncrease       quality gate: refuse a refit whose inertia on the window's sample exceeds the
 *                                 parent's on the same sample by more than this fraction
 * @param minSilhouetteGainForNewK quality gate: a refit may change k only when the new k's silhouette beats the
 *                                 current k's by this much
 * @param minSegmentShare          choosing k: a k whose fit leaves a segment with less than this share of the sample
 *                                 is not considered (a segment of a handful of outliers is not one to act on)
 * @param eventRules               validation limits, the same as the assigner's
 * @param topics                   where outputs go
 * @param seed                     makes sampling and seeding repeatable
 * @param dedup                    event-id de-duplication per customer, the same as the assigner's
 */
public record TrainerSettings(String modelName, Algorithm algorithm, int kMin, int kMax, Duration window,
                              Duration outOfOrderness, Duration idleness, double halfLifeDays,
                              List<FeatureColumn> features, int samplePerSubtask, double decayFactor,
                              double maxInertiaIncrease, double minSilhouetteGainForNewK, double minSegmentShare,
                              EventRules eventRules,
                              Topics topics, long seed, DedupPolicy dedup) implements Serializable {

    /** Topic names. */
    public record Topics(String events, String models, String modelHistory, String drift, String deadLetters)
            implements Serializable {
        public static final Topics DEFAULTS = new Topics(TopicNames.CUSTOMER_EVENTS, TopicNames.SEGMENT_MODELS,
                TopicNames.SEGMENT_MODEL_HISTORY, TopicNames.SEGMENT_DRIFT, TopicNames.SEGMENT_DLQ);

        public Topics {
            for (String t : new String[]{events, models, modelHistory, drift, deadLetters}) {
                if (t == null || t.isBlank()) {
                    throw new IllegalArgumentException("topic names must not be blank: " + this);
                }
            }
        }
    }

    public TrainerSettings {
        if (modelName == null || modelName.isBlank()) {
            throw new IllegalArgumentException("modelName must not be blank");
        }
        if (algorithm == null || algorithm == Algorithm.UNKNOWN) {
            throw new IllegalArgumentException("algorithm must be KMEANS, GMM_DIAGONAL or GMM_FULL");
        }
        if (kMin < 2 || kMax < kMin || kMax > 50) {
            throw new IllegalArgumentException("k range must satisfy 2 <= kMin <= kMax <= 50, got " + kMin + ".." + kMax);
        }
        positive("window", window);
        Objects.requireNonNull(outOfOrderness, "outOfOrderness");
        positive("idleness", idleness);
        if (!(halfLifeDays > 0) || Double.isInfinite(halfLifeDays)) {
            throw new IllegalArgumentException("halfLifeDays must be a positive number, got " + halfLifeDays);
        }
        if (features == null || features.isEmpty()) {
            throw new IllegalArgumentException("at least one feature is needed");
        }
        FeatureCatalog catalog = FeatureCatalog.standard();
        for (FeatureColumn f : features) {
            if (!catalog.contains(f.name())) {
                throw new IllegalArgumentException("feature '" + f.name() + "' is not a profile feature; known: "
                        + catalog.names());
            }
        }
        features = List.copyOf(features);
        if (samplePerSubtask < 50) {
            throw new IllegalArgumentException("samplePerSubtask must be at least 50, got " + samplePerSubtask);
        }
        if (!(decayFactor >= 0 && decayFactor <= 1)) {
            throw new IllegalArgumentException("decayFactor must be in [0, 1], got " + decayFactor);
        }
        if (!(maxInertiaIncrease >= 0)) {
            throw new IllegalArgumentException("maxInertiaIncrease must be >= 0, got " + maxInertiaIncrease);
        }
        if (!(minSilhouetteGainForNewK >= 0)) {
            throw new IllegalArgumentException("minSilhouetteGainForNewK must be >= 0, got " + minSilhouetteGainForNewK);
        }
        if (!(minSegmentShare >= 0 && minSegmentShare < 0.5)) {
            throw new IllegalArgumentException("minSegmentShare must be in [0, 0.5), got " + minSegmentShare);
        }
        Objects.requireNonNull(eventRules, "eventRules");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(dedup, "dedup");
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
        }
    }

    /** K-Means with k from 3 to 8, hourly windows, RFM and behaviour features. */
    public static TrainerSettings defaults() {
        return new TrainerSettings("default", Algorithm.KMEANS, 3, 8, Duration.ofHours(1), Duration.ofMinutes(5),
                Duration.ofSeconds(30), 30.0, defaultFeatures(), 2000, 0.5, 0.5, 0.05, 0.01, EventRules.DEFAULTS,
                Topics.DEFAULTS, 42L, DedupPolicy.DEFAULTS);
    }

    /** Recency, frequency, money, refunds and browsing: skewed counts and money are log-transformed. */
    public static List<FeatureColumn> defaultFeatures() {
        return List.of(
                FeatureColumn.numeric(FeatureCatalog.RECENCY_DAYS).withTransform(Transform.LOG1P),
                FeatureColumn.numeric(FeatureCatalog.FREQUENCY).withTransform(Transform.LOG1P),
                FeatureColumn.numeric(FeatureCatalog.MONETARY).withTransform(Transform.LOG1P),
                FeatureColumn.numeric(FeatureCatalog.AVG_ORDER_VALUE).withTransform(Transform.LOG1P),
                FeatureColumn.numeric(FeatureCatalog.REFUND_RATE).withClip(0.0, 1.0),
                FeatureColumn.numeric(FeatureCatalog.PAGE_VIEWS).withTransform(Transform.LOG1P),
                FeatureColumn.numeric(FeatureCatalog.CONVERSION_RATE).withClip(0.0, 1.0),
                FeatureColumn.numeric(FeatureCatalog.TENURE_DAYS).withTransform(Transform.LOG1P));
    }

    public TrainerSettings withModelName(String name) {
        return new TrainerSettings(name, algorithm, kMin, kMax, window, outOfOrderness, idleness, halfLifeDays, features,
                samplePerSubtask, decayFactor, maxInertiaIncrease, minSilhouetteGainForNewK, minSegmentShare, eventRules, topics, seed, dedup);
    }

    public TrainerSettings withAlgorithm(Algorithm a) {
        return new TrainerSettings(modelName, a, kMin, kMax, window, outOfOrderness, idleness, halfLifeDays, features,
                samplePerSubtask, decayFactor, maxInertiaIncrease, minSilhouetteGainForNewK, minSegmentShare, eventRules, topics, seed, dedup);
    }

    public TrainerSettings withK(int min, int max) {
        return new TrainerSettings(modelName, algorithm, min, max, window, outOfOrderness, idleness, halfLifeDays,
                features, samplePerSubtask, decayFactor, maxInertiaIncrease, minSilhouetteGainForNewK, minSegmentShare, eventRules, topics,
                seed, dedup);
    }

    public TrainerSettings withWindow(Duration w) {
        return new TrainerSettings(modelName, algorithm, kMin, kMax, w, outOfOrderness, idleness, halfLifeDays, features,
                samplePerSubtask, decayFactor, maxInertiaIncrease, minSilhouetteGainForNewK, minSegmentShare, eventRules, topics, seed, dedup);
    }

    public TrainerSettings withOutOfOrderness(Duration d) {
        return new TrainerSettings(modelName, algorithm, kMin, kMax, window, d, idleness, halfLifeDays, features,
                samplePerSubtask, decayFactor, maxInertiaIncrease, minSilhouetteGainForNewK, minSegmentShare, eventRules, topics, seed, dedup);
    }

    public TrainerSettings withHalfLifeDays(double days) {
        return new TrainerSettings(modelName, algorithm, kMin, kMax, window, outOfOrderness, idleness, days, features,
                samplePerSubtask, decayFactor, maxInertiaIncrease, minSilhouetteGainForNewK, minSegmentShare, eventRules, topics, seed, dedup);
    }

    public TrainerSettings withFeatures(List<FeatureColumn> f) {
        return new TrainerSettings(modelName, algorithm, kMin, kMax, window, outOfOrderness, idleness, halfLifeDays, f,
                samplePerSubtask, decayFactor, maxInertiaIncrease, minSilhouetteGainForNewK, minSegmentShare, eventRules, topics, seed, dedup);
    }

    public TrainerSettings withSamplePerSubtask(int n) {
        return new TrainerSettings(modelName, algorithm, kMin, kMax, window, outOfOrderness, idleness, halfLifeDays,
                features, n, decayFactor, maxInertiaIncrease, minSilhouetteGainForNewK, minSegmentShare, eventRules, topics, seed, dedup);
    }

    public TrainerSettings withEventRules(EventRules rules) {
        return new TrainerSettings(modelName, algorithm, kMin, kMax, window, outOfOrderness, idleness, halfLifeDays,
                features, samplePerSubtask, decayFactor, maxInertiaIncrease, minSilhouetteGainForNewK, minSegmentShare, rules, topics, seed, dedup);
    }

    public TrainerSettings withTopics(Topics t) {
        return new TrainerSettings(modelName, algorithm, kMin, kMax, window, outOfOrderness, idleness, halfLifeDays,
                features, samplePerSubtask, decayFactor, maxInertiaIncrease, minSilhouetteGainForNewK, minSegmentShare, eventRules, t, seed, dedup);
    }

    public TrainerSettings withDedup(DedupPolicy d) {
        return new TrainerSettings(modelName, algorithm, kMin, kMax, window, outOfOrderness, idleness, halfLifeDays,
                features, samplePerSubtask, decayFactor, maxInertiaIncrease, minSilhouetteGainForNewK, minSegmentShare, eventRules, topics,
                seed, d);
    }

    public TrainerSettings withMinSegmentShare(double share) {
        return new TrainerSettings(modelName, algorithm, kMin, kMax, window, outOfOrderness, idleness, halfLifeDays,
                features, samplePerSubtask, decayFactor, maxInertiaIncrease, minSilhouetteGainForNewK, share, eventRules,
                topics, seed, dedup);
    }

    /** Names of the numeric features, in configuration order. */
    public List<String> numericFeatureNames() {
        return features.stream().filter(f -> f.kind() == io.segmenta.avro.FeatureKind.NUMERIC)
                .map(FeatureColumn::name).toList();
    }

    /** Names of the categorical features, in configuration order. */
    public List<String> categoricalFeatureNames() {
        return features.stream().filter(f -> f.kind() == io.segmenta.avro.FeatureKind.CATEGORICAL)
                .map(FeatureColumn::name).toList();
    }
}
