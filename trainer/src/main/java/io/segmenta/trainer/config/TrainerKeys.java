package io.segmenta.trainer.config;

import io.segmenta.assigner.profile.LifecycleStage;
import io.segmenta.avro.Algorithm;
import io.segmenta.avro.FeatureTime;
import io.segmenta.fitting.estimate.Estimators;
import io.segmenta.fitting.features.FeatureColumn;
import io.segmenta.schemas.TopicNames;
import io.segmenta.schemas.config.Setting;
import io.segmenta.schemas.config.SettingsDefinition;
import io.segmenta.schemas.config.SharedSettings;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The trainer's {@code segmenta.*} settings, each declared once: its own below, and those it shares with the
 * assigner ({@link SharedSettings}). {@link TrainerSettings#defaults()} takes its defaults from here, and the README's
 * trainer settings table lists exactly these ({@code TrainerKeysTest} checks it). The keys of releases before the
 * shared names ({@code segmenta.topics.*}) are still read, with a warning naming the new key.
 */
public final class TrainerKeys {

    public static final Setting<String> TOPIC_EVENTS = SharedSettings.TOPIC_EVENTS;
    public static final Setting<String> TOPIC_MODELS = SharedSettings.TOPIC_MODELS;
    public static final Setting<String> TOPIC_DEAD_LETTERS = SharedSettings.TOPIC_DEAD_LETTERS;
    public static final Setting<String> TOPIC_MODEL_HISTORY = SharedSettings.TOPIC_MODEL_HISTORY;
    public static final Setting<String> TOPIC_DRIFT = Setting.topic("segmenta.topic.drift", TopicNames.SEGMENT_DRIFT,
            "output: a drift report per model and window");
    public static final Setting<String> MODEL_NAME = SharedSettings.MODEL_NAME;
    public static final Setting<Double> HALF_LIFE_DAYS = SharedSettings.HALF_LIFE_DAYS;
    public static final Setting<Integer> DEDUP_SIZE = SharedSettings.DEDUP_SIZE;
    public static final Setting<Duration> DEDUP_WINDOW = SharedSettings.DEDUP_WINDOW;

    public static final Setting<Algorithm> ALGORITHM = Setting.parsed("segmenta.algorithm", "kmeans",
            TrainerKeys::algorithm, Estimators.describeNames());
    public static final Setting<FeatureTime> FEATURES_READ_AT = Setting.parsed("segmenta.features.read-at",
            "last-event", TrainerKeys::featureTime, "when a customer's profile is read: last-event (the behaviour when "
                    + "last active, the same between two events; recency is then no feature) or window-end (the "
                    + "state at each window end, recency included)");
    public static final Setting<List<FeatureColumn>> FEATURES = Setting.parsed("segmenta.features", "default",
            TrainerKeys::featureNames, "profile features to cluster on, comma-separated (each with its standard "
                    + "preparation), or default: frequency, monetary, avg_order_value, refund_rate, page_views, "
                    + "conversion_rate (read at the window end: recency_days first, tenure_days last)");
    public static final Setting<KRange> K = Setting.parsed("segmenta.k", "3..8", KRange::parse,
            "number of segments, or a range to choose from (by silhouette for K-Means, BIC for GMM)");
    public static final Setting<Double> K_MIN_SEGMENT_SHARE = Setting.number("segmenta.k.min-segment-share", 0.01,
            share -> share >= 0 && share < 0.5, "in [0, 0.5)",
            "choosing k: a k whose fit leaves a segment under this share of the sample is not chosen");
    public static final Setting<Duration> WINDOW = Setting.duration("segmenta.window", "1h", Duration.ofMillis(1),
            "training window (tumbling, event time)");
    public static final Setting<Duration> OUT_OF_ORDERNESS = Setting.duration("segmenta.out-of-orderness", "5m",
            Duration.ZERO, "how late events may be before the watermark passes them (they still update profiles)");
    public static final Setting<Duration> IDLENESS = Setting.duration("segmenta.idleness", "30s", Duration.ofMillis(1),
            "a source partition without events this long stops holding the watermark back");
    public static final Setting<Integer> SAMPLE_PER_WORKER = Setting.integer("segmenta.sample.per.worker", 2000, 50,
            Integer.MAX_VALUE, "customers each worker samples per window (first fit, profiles, quality, overlap)");
    public static final Setting<Double> DECAY = Setting.number("segmenta.decay", 0.5, d -> d >= 0 && d <= 1,
            "in [0, 1]", "weight of the parent's counts when merged partial sums refit K-Means (0: forget)");
    public static final Setting<Double> REFIT_MAX_INERTIA_INCREASE = Setting.number(
            "segmenta.refit.max-inertia-increase", 0.5, d -> d >= 0 && !Double.isInfinite(d), ">= 0",
            "refit gate: refuse a refit whose inertia on the window's sample exceeds the parent's by more than this "
                    + "fraction");
    public static final Setting<Double> REFIT_MIN_SILHOUETTE_GAIN_FOR_NEW_K = Setting.number(
            "segmenta.refit.min-silhouette-gain-for-new-k", 0.05, d -> d >= 0 && d <= 2, "in [0, 2]",
            "refit gate: k changes only when the new k's silhouette beats the current k's by this much");
    public static final Setting<Double> REFIT_MIN_INERTIA_GAIN = Setting.number(
            "segmenta.refit.min-inertia-gain", 0.05, d -> d >= 0 && d < 1, "in [0, 1)",
            "a refit replaces the parent's centroids only when its inertia on the window's sample is this fraction "
                    + "below the parent's; otherwise the parent's centroids and spec carry over (nobody moves)");
    public static final Setting<Integer> REFIT_K_CHANGE_WINDOWS = Setting.integer(
            "segmenta.refit.k-change-windows", 2, 1, 100,
            "refit gate: k changes only when the same other k has won by that silhouette gain in this many consecutive "
                    + "windows");
    public static final Setting<Double> LABEL_NEW_DAYS = Setting.number("segmenta.label.new-days", LifecycleStage.DEFAULT_NEW_DAYS,
            d -> d > 0 && d <= 3650, "in (0, 3650]",
            "labels: a segment reads 'new' when its customers' mean days since their first event is under this");
    public static final Setting<Double> LABEL_LAPSED_DAYS = Setting.number("segmenta.label.lapsed-days", LifecycleStage.DEFAULT_LAPSED_DAYS,
            d -> d > 0 && d <= 3650, "in (0, 3650]",
            "labels: a segment reads 'lapsed' when its customers' mean days since their latest event is at least this "
                    + "(at least segmenta.label.new-days)");
    public static final Setting<String> START = Setting.parsed("segmenta.start", "committed", TrainerKeys::start,
            "where the events source starts: committed (earliest when none), earliest, latest or an ISO instant; "
                    + "earliest in a backfill unless set");
    public static final Setting<Boolean> BACKFILL = Setting.flag("segmenta.backfill", false,
            "bounded: read from segmenta.start to the offsets at start, train, publish, stop");
    public static final Setting<Duration> CHECKPOINT_INTERVAL = Setting.duration("segmenta.checkpoint.interval", "10s",
            Duration.ofMillis(100), "checkpoint period; outputs become visible to read_committed readers at each");
    public static final Setting<String> CHECKPOINT_DIR = Setting.text("segmenta.checkpoint.dir", null,
            "durable checkpoint directory (path or Flink file-system URI), retained on cancel and failure");
    public static final Setting<String> RESTORE = Setting.text("segmenta.restore", null,
            "latest, latest-if-any or the path of a checkpoint or savepoint to start from");
    public static final Setting<Integer> PARALLELISM = Setting.integer("segmenta.parallelism", 2, 1, 4096,
            "workers (subtasks) of the job");
    public static final Setting<String> GROUP_ID = Setting.text("segmenta.group.id", "segmenta-trainer",
            "consumer group of the events source");
    public static final Setting<String> TRANSACTIONAL_ID_PREFIX = Setting.text("segmenta.transactional.id.prefix",
            null, "prefix of the exactly-once sink's transactional ids; default segmenta-trainer-<model name>");

    /** Everything the trainer reads; any other {@code segmenta.*} key is refused. */
    public static final SettingsDefinition DEFINITION = SettingsDefinition.builder("trainer")
            .add(TOPIC_EVENTS, TOPIC_MODELS, TOPIC_MODEL_HISTORY, TOPIC_DRIFT, TOPIC_DEAD_LETTERS, MODEL_NAME,
                    HALF_LIFE_DAYS, DEDUP_SIZE, DEDUP_WINDOW, ALGORITHM, FEATURES, FEATURES_READ_AT, K, K_MIN_SEGMENT_SHARE, WINDOW,
                    OUT_OF_ORDERNESS, IDLENESS, SAMPLE_PER_WORKER, DECAY, REFIT_MAX_INERTIA_INCREASE,
                    REFIT_MIN_SILHOUETTE_GAIN_FOR_NEW_K, REFIT_K_CHANGE_WINDOWS, REFIT_MIN_INERTIA_GAIN, LABEL_NEW_DAYS, LABEL_LAPSED_DAYS, START, BACKFILL, CHECKPOINT_INTERVAL, CHECKPOINT_DIR, RESTORE,
                    PARALLELISM, GROUP_ID, TRANSACTIONAL_ID_PREFIX)
            // the trainer's names before both services shared them: still read, with a warning
            .deprecated("segmenta.topics.events", TOPIC_EVENTS)
            .deprecated("segmenta.topics.models", TOPIC_MODELS)
            .deprecated("segmenta.topics.model-history", TOPIC_MODEL_HISTORY)
            .deprecated("segmenta.topics.drift", TOPIC_DRIFT)
            .deprecated("segmenta.topics.dlq", TOPIC_DEAD_LETTERS)
            .build();

    /**
     * The number of segments: fixed ({@code min == max}) or a range to choose from.
     *
     * @param min smallest k considered
     * @param max largest k considered
     */
    public record KRange(int min, int max) {

        public KRange {
            if (min < 2 || max < min || max > 50) {
                throw new IllegalArgumentException("must satisfy 2 <= min <= max <= 50, got " + min + ".." + max);
            }
        }

        /** {@code 5} or {@code 3..8}. */
        public static KRange parse(String text) {
            int min;
            int max;
            try {
                String[] parts = text.split("\\.\\.", -1);
                if (parts.length > 2) {
                    throw new NumberFormatException(text);
                }
                min = Integer.parseInt(parts[0].trim());
                max = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : min;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be a number or a range such as 3..8");
            }
            return new KRange(min, max);
        }

        @Override
        public String toString() {
            return min == max ? Integer.toString(min) : min + ".." + max;
        }
    }

    private TrainerKeys() {
    }

    /** An empty list for "default" (the read time's default features); the columns otherwise. */
    static List<FeatureColumn> featureNames(String text) {
        if (text.isBlank() || text.trim().equals("default")) {
            return List.of();
        }
        return TrainerSettings.standardFeatures(java.util.Arrays.stream(text.split(",")).map(String::trim).toList());
    }

    static FeatureTime featureTime(String text) {
        return switch (text) {
            case "last-event" -> FeatureTime.LAST_EVENT;
            case "window-end" -> FeatureTime.WINDOW_END;
            default -> throw new IllegalArgumentException("must be last-event or window-end");
        };
    }

    static Algorithm algorithm(String text) {
        return Estimators.forName(text).algorithm();
    }

    private static String start(String text) {
        if (!text.equals("earliest") && !text.equals("latest") && !text.equals("committed")) {
            try {
                Instant.parse(text);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("must be committed, earliest, latest or an ISO instant");
            }
        }
        return text;
    }
}
