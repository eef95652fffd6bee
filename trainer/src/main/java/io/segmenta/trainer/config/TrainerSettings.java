package io.segmenta.trainer.config;

import io.segmenta.assigner.dedup.DedupPolicy;
import io.segmenta.assigner.events.EventRules;
import io.segmenta.assigner.features.FeatureCatalog;
import io.segmenta.avro.Algorithm;
import io.segmenta.avro.FeatureKind;
import io.segmenta.avro.FeatureTime;
import io.segmenta.avro.Transform;
import io.segmenta.fitting.features.FeatureColumn;
import io.segmenta.fitting.profile.Lifecycle;
import io.segmenta.fitting.refit.RefitPolicySettings;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the trainer learns and how often, validated. Kafka wiring lives in {@link TrainerKafkaSettings}; these are the
 * parts the pipeline itself needs, so tests build a pipeline from them with any sources and sinks. Serializable: the
 * job's operators carry it.
 *
 * <p>Grouped into small records, each validating its own values; the flat accessors ({@link #kMin()},
 * {@link #window()}, ...) are what the operators read. Build a variant with {@link #builder()} or
 * {@link #toBuilder()}; the defaults are the declared ones ({@link TrainerKeys}).
 *
 * @param model      what is fitted: lineage name, algorithm, k, features and their decay
 * @param eventTime  training windows and watermarks
 * @param refit      sampling, merging and the quality gate of every refit
 * @param topics     where inputs come from and outputs go
 * @param eventRules validation limits, the same as the assigner's
 * @param dedup      event-id de-duplication per customer, the same as the assigner's
 */
public record TrainerSettings(ModelSpec model, EventTime eventTime, Refit refit, Topics topics, EventRules eventRules,
                              DedupPolicy dedup) implements Serializable {

    public TrainerSettings {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(refit, "refit");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(eventRules, "eventRules");
        Objects.requireNonNull(dedup, "dedup");
        refitPolicy(model, refit); // the refit's rules (k range, fractions, features) are checked where declared
    }

    /** Written to the models' {@code producer} tag. */
    public static final String PRODUCER = "trainer";

    /** What the refit policy needs of these settings. */
    public RefitPolicySettings refitPolicy() {
        return refitPolicy(model, refit);
    }

    private static RefitPolicySettings refitPolicy(ModelSpec m, Refit r) {
        return new RefitPolicySettings(m.modelName(), m.algorithm(), m.kMin(), m.kMax(), m.features(),
                m.halfLifeDays(), m.readAt(), r.decayFactor(), r.maxInertiaIncrease(), r.minInertiaGain(),
                r.minSilhouetteGainForNewK(),
                r.kChangeWindows(),
                m.minSegmentShare(), m.lifecycle(), r.seed(), PRODUCER);
    }

    /**
     * What is fitted.
     *
     * @param modelName       name of the model lineage, the key on {@code segment-models}
     * @param algorithm       KMEANS, GMM_DIAGONAL or GMM_FULL
     * @param kMin            smallest k considered when a model is fitted from a sample
     * @param kMax            largest k considered; equal to kMin for a fixed k
     * @param minSegmentShare choosing k: a k whose fit leaves a segment with less than this share of the sample is
     *                        not considered (a segment of a handful of outliers is not one to act on)
     * @param halfLifeDays    decay of profile counters; part of the feature spec (assigners must use the same)
     * @param readAt          when a customer's profile is read: at the customer's last event (the behaviour when
     *                        last active) or at the window end (the current state, recency included); part of the
     *                        feature spec, so the assigners follow the model
     * @param features        the profile features and their preparation
     * @param lifecycle       the days behind the labels' lifecycle words
     */
    public record ModelSpec(String modelName, Algorithm algorithm, int kMin, int kMax, double minSegmentShare,
                            double halfLifeDays, FeatureTime readAt, List<FeatureColumn> features,
                            Lifecycle lifecycle)
            implements Serializable {

        /** Only what the trainer adds; {@link RefitPolicySettings} checks the rest when the settings are built. */
        /** Only what the trainer adds; {@link RefitPolicySettings} checks the rest when the settings are built. */
        public ModelSpec {
            if (kMax > 50) {
                throw new IllegalArgumentException("k range must satisfy 2 <= kMin <= kMax <= 50, got " + kMin + ".."
                        + kMax);
            }
            features = features == null ? List.of() : List.copyOf(features);
            FeatureCatalog catalog = FeatureCatalog.standard();
            for (FeatureColumn f : features) {
                if (!catalog.contains(f.name())) {
                    throw new IllegalArgumentException("feature '" + f.name() + "' is not a profile feature; known: "
                            + catalog.names());
                }
            }
        }
    }

    /**
     * Training windows and watermarks.
     *
     * @param window         training window (tumbling, event time)
     * @param outOfOrderness how late events may be before the watermark passes them (they still update profiles)
     * @param idleness       a source partition with no events for this long stops holding the watermark back
     */
    public record EventTime(Duration window, Duration outOfOrderness, Duration idleness) implements Serializable {

        public EventTime {
            positive("window", window);
            Objects.requireNonNull(outOfOrderness, "outOfOrderness");
            if (outOfOrderness.isNegative()) {
                throw new IllegalArgumentException("outOfOrderness must not be negative, got " + outOfOrderness);
            }
            positive("idleness", idleness);
        }

        private static void positive(String name, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
            }
        }
    }

    /**
     * How every refit samples, merges and is judged.
     *
     * @param samplePerSubtask         customers each worker samples per window (first fit, profiles, quality, overlap)
     * @param decayFactor              weight of the parent's counts when merged partial sums refit K-Means (0: forget)
     * @param maxInertiaIncrease       quality gate: refuse a refit whose inertia on the window's sample exceeds the
     *                                 parent's on the same sample by more than this fraction
     * @param minSilhouetteGainForNewK quality gate: a refit may change k only when the new k's silhouette beats the
     *                                 current k's by this much
     * @param kChangeWindows           ... in this many consecutive windows
     * @param minInertiaGain           a refit replaces the parent's centroids only when this much better
     * @param seed                     makes sampling and seeding repeatable
     */
    public record Refit(int samplePerSubtask, double decayFactor, double maxInertiaIncrease,
                        double minSilhouetteGainForNewK, int kChangeWindows, double minInertiaGain, long seed)
            implements Serializable {

        /** Only the sample size; {@link RefitPolicySettings} checks the rest when the settings are built. */
        public Refit {
            if (samplePerSubtask < 50) {
                throw new IllegalArgumentException("samplePerSubtask must be at least 50, got " + samplePerSubtask);
            }
        }
    }

    /** Topic names. */
    public record Topics(String events, String models, String modelHistory, String drift, String deadLetters)
            implements Serializable {
        /** The declared defaults ({@link TrainerKeys}). */
        public static final Topics DEFAULTS = new Topics(TrainerKeys.TOPIC_EVENTS.defaultValue(),
                TrainerKeys.TOPIC_MODELS.defaultValue(), TrainerKeys.TOPIC_MODEL_HISTORY.defaultValue(),
                TrainerKeys.TOPIC_DRIFT.defaultValue(), TrainerKeys.TOPIC_DEAD_LETTERS.defaultValue());

        public Topics {
            for (String t : new String[]{events, models, modelHistory, drift, deadLetters}) {
                if (t == null || t.isBlank()) {
                    throw new IllegalArgumentException("topic names must not be blank: " + this);
                }
            }
        }
    }

    /** K-Means with k from 3 to 8, hourly windows, RFM and behaviour features: the declared defaults. */
    public static TrainerSettings defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Frequency, money, refunds and browsing, read at the customer's last event: what a customer does, not how long
     * ago or since when. Recency (0 as of the last event) and tenure (it grows for everyone, so a stationary
     * population drifts along it and refits relabel customers for it) are the lifecycle stage beside the segment;
     * see {@link #defaultFeatures(FeatureTime)} for the rule before.
     */
    public static List<FeatureColumn> defaultFeatures() {
        return defaultFeatures(FeatureTime.LAST_EVENT);
    }

    /**
     * The default features for a read time. At the last event, the behaviour only, with counts as rates per 30 days
     * of the customer's observed time (purchase_rate, spend_rate, page_view_rate), so that they do not grow with
     * tenure. At the window end, the features before the read time could be chosen: recency first, the decayed
     * counts, tenure last.
     */
    public static List<FeatureColumn> defaultFeatures(FeatureTime readAt) {
        if (readAt == FeatureTime.LAST_EVENT) {
            return standardFeatures(List.of(FeatureCatalog.PURCHASE_RATE, FeatureCatalog.SPEND_RATE,
                    FeatureCatalog.AVG_ORDER_VALUE, FeatureCatalog.REFUND_RATE, FeatureCatalog.PAGE_VIEW_RATE,
                    FeatureCatalog.CONVERSION_RATE));
        }
        return standardFeatures(List.of(FeatureCatalog.RECENCY_DAYS, FeatureCatalog.FREQUENCY,
                FeatureCatalog.MONETARY, FeatureCatalog.AVG_ORDER_VALUE, FeatureCatalog.REFUND_RATE,
                FeatureCatalog.PAGE_VIEWS, FeatureCatalog.CONVERSION_RATE, FeatureCatalog.TENURE_DAYS));
    }

    /**
     * Profile features by name, each with its standard preparation: counts, money and days log-transformed (they
     * are skewed), rates clipped to [0, 1], the rest as they are; gender, country and channel one-hot.
     *
     * @throws IllegalArgumentException for a name the profile does not provide, or one listed twice
     */
    public static List<FeatureColumn> standardFeatures(List<String> names) {
        FeatureCatalog catalog = FeatureCatalog.standard();
        List<FeatureColumn> columns = new java.util.ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String name : names) {
            if (!catalog.contains(name)) {
                throw new IllegalArgumentException("'" + name + "' is not a profile feature; known: " + catalog.names());
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("feature '" + name + "' is listed twice");
            }
            columns.add(switch (name) {
                case FeatureCatalog.REFUND_RATE, FeatureCatalog.CONVERSION_RATE ->
                        FeatureColumn.numeric(name).withClip(0.0, 1.0);
                case FeatureCatalog.CATEGORY_DIVERSITY, FeatureCatalog.AGE -> FeatureColumn.numeric(name);
                case FeatureCatalog.GENDER, FeatureCatalog.COUNTRY, FeatureCatalog.CHANNEL ->
                        FeatureColumn.categorical(name);
                default -> FeatureColumn.numeric(name).withTransform(Transform.LOG1P);
            });
        }
        return List.copyOf(columns);
    }

    /** When a customer's profile is read (part of the feature spec). */
    public FeatureTime readAt() {
        return model.readAt();
    }

    public String modelName() {
        return model.modelName();
    }

    public Algorithm algorithm() {
        return model.algorithm();
    }

    public int kMin() {
        return model.kMin();
    }

    public int kMax() {
        return model.kMax();
    }

    public double minSegmentShare() {
        return model.minSegmentShare();
    }

    public double halfLifeDays() {
        return model.halfLifeDays();
    }

    public List<FeatureColumn> features() {
        return model.features();
    }

    public Duration window() {
        return eventTime.window();
    }

    public Duration outOfOrderness() {
        return eventTime.outOfOrderness();
    }

    public Duration idleness() {
        return eventTime.idleness();
    }

    public int samplePerSubtask() {
        return refit.samplePerSubtask();
    }

    public double decayFactor() {
        return refit.decayFactor();
    }

    public double maxInertiaIncrease() {
        return refit.maxInertiaIncrease();
    }

    public double minSilhouetteGainForNewK() {
        return refit.minSilhouetteGainForNewK();
    }

    public int kChangeWindows() {
        return refit.kChangeWindows();
    }

    public double minInertiaGain() {
        return refit.minInertiaGain();
    }

    public long seed() {
        return refit.seed();
    }

    /** Names of the numeric features, in configuration order. */
    public List<String> numericFeatureNames() {
        return features().stream().filter(f -> f.kind() == FeatureKind.NUMERIC).map(FeatureColumn::name).toList();
    }

    /** Names of the categorical features, in configuration order. */
    public List<String> categoricalFeatureNames() {
        return features().stream().filter(f -> f.kind() == FeatureKind.CATEGORICAL).map(FeatureColumn::name)
                .toList();
    }

    /**
     * Settings value by value; {@link #build()} validates them. Starts from the declared defaults
     * ({@link TrainerKeys}), the default features, the assigner's event rules and seed 42.
     */
    public static final class Builder {

        private String modelName = TrainerKeys.MODEL_NAME.defaultValue();
        private Algorithm algorithm = TrainerKeys.ALGORITHM.defaultValue();
        private int kMin = TrainerKeys.K.defaultValue().min();
        private int kMax = TrainerKeys.K.defaultValue().max();
        private double minSegmentShare = TrainerKeys.K_MIN_SEGMENT_SHARE.defaultValue();
        private double halfLifeDays = TrainerKeys.HALF_LIFE_DAYS.defaultValue();
        private FeatureTime readAt = TrainerKeys.FEATURES_READ_AT.defaultValue();
        private List<FeatureColumn> features; // null: the defaults for the read time
        private Lifecycle lifecycle = Lifecycle.DEFAULTS.withNewAndLapsedDays(
                TrainerKeys.LABEL_NEW_DAYS.defaultValue(), TrainerKeys.LABEL_LAPSED_DAYS.defaultValue());
        private Duration window = TrainerKeys.WINDOW.defaultValue();
        private Duration outOfOrderness = TrainerKeys.OUT_OF_ORDERNESS.defaultValue();
        private Duration idleness = TrainerKeys.IDLENESS.defaultValue();
        private int samplePerSubtask = TrainerKeys.SAMPLE_PER_WORKER.defaultValue();
        private double decayFactor = TrainerKeys.DECAY.defaultValue();
        private double maxInertiaIncrease = TrainerKeys.REFIT_MAX_INERTIA_INCREASE.defaultValue();
        private double minSilhouetteGainForNewK = TrainerKeys.REFIT_MIN_SILHOUETTE_GAIN_FOR_NEW_K.defaultValue();
        private int kChangeWindows = TrainerKeys.REFIT_K_CHANGE_WINDOWS.defaultValue();
        private double minInertiaGain = TrainerKeys.REFIT_MIN_INERTIA_GAIN.defaultValue();
        private long seed = 42L;
        private Topics topics = Topics.DEFAULTS;
        private EventRules eventRules = EventRules.DEFAULTS;
        private DedupPolicy dedup = new DedupPolicy(TrainerKeys.DEDUP_SIZE.defaultValue(),
                TrainerKeys.DEDUP_WINDOW.defaultValue());

        private Builder() {
        }

        private Builder(TrainerSettings s) {
            model(s.model);
            eventTime(s.eventTime);
            refit(s.refit);
            topics = s.topics;
            eventRules = s.eventRules;
            dedup = s.dedup;
        }

        public Builder modelName(String name) {
            this.modelName = name;
            return this;
        }

        public Builder algorithm(Algorithm a) {
            this.algorithm = a;
            return this;
        }

        /** k from {@code min} to {@code max}; equal for a fixed k. */
        public Builder k(int min, int max) {
            this.kMin = min;
            this.kMax = max;
            return this;
        }

        public Builder minSegmentShare(double share) {
            this.minSegmentShare = share;
            return this;
        }

        public Builder halfLifeDays(double days) {
            this.halfLifeDays = days;
            return this;
        }

        /** The read time; unless {@link #features} are set, the default features follow it. */
        public Builder readAt(FeatureTime time) {
            this.readAt = time;
            return this;
        }

        public Builder features(List<FeatureColumn> f) {
            this.features = f;
            return this;
        }

        public Builder lifecycle(Lifecycle l) {
            this.lifecycle = l;
            return this;
        }

        public Builder window(Duration w) {
            this.window = w;
            return this;
        }

        public Builder outOfOrderness(Duration d) {
            this.outOfOrderness = d;
            return this;
        }

        public Builder idleness(Duration d) {
            this.idleness = d;
            return this;
        }

        public Builder samplePerSubtask(int n) {
            this.samplePerSubtask = n;
            return this;
        }

        public Builder decayFactor(double d) {
            this.decayFactor = d;
            return this;
        }

        public Builder maxInertiaIncrease(double fraction) {
            this.maxInertiaIncrease = fraction;
            return this;
        }

        public Builder minInertiaGain(double gain) {
            this.minInertiaGain = gain;
            return this;
        }

        public Builder kChangeWindows(int windows) {
            this.kChangeWindows = windows;
            return this;
        }

        public Builder minSilhouetteGainForNewK(double gain) {
            this.minSilhouetteGainForNewK = gain;
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        public Builder topics(Topics t) {
            this.topics = t;
            return this;
        }

        public Builder eventRules(EventRules rules) {
            this.eventRules = rules;
            return this;
        }

        public Builder dedup(DedupPolicy d) {
            this.dedup = d;
            return this;
        }

        /** Every value of {@code m}. */
        public Builder model(ModelSpec m) {
            return modelName(m.modelName()).algorithm(m.algorithm()).k(m.kMin(), m.kMax())
                    .minSegmentShare(m.minSegmentShare()).halfLifeDays(m.halfLifeDays()).readAt(m.readAt())
                    .features(m.features())
                    .lifecycle(m.lifecycle());
        }

        /** Every value of {@code t}. */
        public Builder eventTime(EventTime t) {
            return window(t.window()).outOfOrderness(t.outOfOrderness()).idleness(t.idleness());
        }

        /** Every value of {@code r}. */
        public Builder refit(Refit r) {
            return samplePerSubtask(r.samplePerSubtask()).decayFactor(r.decayFactor())
                    .maxInertiaIncrease(r.maxInertiaIncrease()).minSilhouetteGainForNewK(r.minSilhouetteGainForNewK())
                    .kChangeWindows(r.kChangeWindows()).minInertiaGain(r.minInertiaGain())
                    .seed(r.seed());
        }

        /**
         * @throws IllegalArgumentException naming the value that is out of range
         */
        public TrainerSettings build() {
            return new TrainerSettings(
                    new ModelSpec(modelName, algorithm, kMin, kMax, minSegmentShare, halfLifeDays, readAt,
                            features == null ? defaultFeatures(readAt) : features, lifecycle),
                    new EventTime(window, outOfOrderness, idleness),
                    new Refit(samplePerSubtask, decayFactor, maxInertiaIncrease, minSilhouetteGainForNewK,
                            kChangeWindows, minInertiaGain, seed),
                    topics, eventRules, dedup);
        }
    }
}
