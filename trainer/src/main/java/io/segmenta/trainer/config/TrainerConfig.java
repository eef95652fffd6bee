package io.segmenta.trainer.config;

import io.segmenta.assigner.dedup.DedupPolicy;
import io.segmenta.fitting.profile.Lifecycle;
import io.segmenta.schemas.config.SettingValues;
import io.segmenta.schemas.config.SettingsDefinition;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the trainer's configuration from properties: {@code segmenta.*} keys are ours (declared in
 * {@link TrainerKeys}; an unknown one is refused, naming it), {@code schema.registry.*} and {@code basic.auth.*} go
 * to the registry client, everything else (security included) to Kafka.
 *
 * <pre>
 * bootstrap.servers=localhost:9092
 * schema.registry.url=http://localhost:8081
 * segmenta.model.name=default          segmenta.algorithm=kmeans | gmm-diagonal | gmm-full
 * segmenta.k=3..8 (or 5)               segmenta.window=1h (or PT1H)
 * segmenta.refit.max-inertia-increase=0.5
 * </pre>
 *
 * The README's trainer settings table lists every key.
 */
public record TrainerConfig(TrainerSettings settings, TrainerKafkaSettings kafka, int parallelism,
                            CheckpointSettings checkpoints) {

    /**
     * @throws IllegalArgumentException naming the key: a missing connection setting, an unknown {@code segmenta.*}
     *                                  key ({@link io.segmenta.schemas.config.InvalidSettingException}) or an invalid
     *                                  value
     */
    public static TrainerConfig fromProperties(Properties props) {
        Map<String, String> p = new HashMap<>();
        props.stringPropertyNames().forEach(k -> p.put(k.trim(), props.getProperty(k).trim()));
        SettingValues v = TrainerKeys.DEFINITION.parse(p);
        TrainerSettings settings = settings(v);

        Map<String, String> registry = new HashMap<>();
        Map<String, String> kafkaProps = new HashMap<>();
        p.forEach((key, value) -> {
            if (key.startsWith("schema.registry.") || key.startsWith("basic.auth.")) {
                registry.put(key, value);
            } else if (!key.startsWith(SettingsDefinition.PREFIX) && !key.equals("bootstrap.servers")) {
                kafkaProps.put(key, value);
            }
        });
        String bootstrap = p.get("bootstrap.servers");
        if (bootstrap == null || bootstrap.isEmpty()) {
            throw new IllegalArgumentException("bootstrap.servers is required (--bootstrap-servers)");
        }
        if (!registry.containsKey("schema.registry.url")) {
            throw new IllegalArgumentException("schema.registry.url is required (--schema-registry)");
        }
        boolean backfill = v.get(TrainerKeys.BACKFILL);
        // a backfill retrains on the history: from the beginning unless told otherwise
        String start = backfill && !v.isSet(TrainerKeys.START) ? "earliest" : v.get(TrainerKeys.START);
        String transactionalIdPrefix = v.isSet(TrainerKeys.TRANSACTIONAL_ID_PREFIX)
                ? v.get(TrainerKeys.TRANSACTIONAL_ID_PREFIX) : "segmenta-trainer-" + settings.modelName();
        TrainerKafkaSettings kafka = new TrainerKafkaSettings(bootstrap, registry, v.get(TrainerKeys.GROUP_ID), start,
                backfill, v.get(TrainerKeys.CHECKPOINT_INTERVAL), transactionalIdPrefix, kafkaProps);
        CheckpointSettings checkpoints = new CheckpointSettings(v.get(TrainerKeys.CHECKPOINT_DIR),
                v.get(TrainerKeys.RESTORE));
        return new TrainerConfig(settings, kafka, v.get(TrainerKeys.PARALLELISM), checkpoints);
    }

    /** The pipeline's settings: declared values, plus what is not configurable (event rules, seed). */
    private static TrainerSettings settings(SettingValues v) {
        TrainerKeys.KRange k = v.get(TrainerKeys.K);
        return TrainerSettings.builder()
                .modelName(v.get(TrainerKeys.MODEL_NAME))
                .algorithm(v.get(TrainerKeys.ALGORITHM))
                .k(k.min(), k.max())
                .minSegmentShare(v.get(TrainerKeys.K_MIN_SEGMENT_SHARE))
                .halfLifeDays(v.get(TrainerKeys.HALF_LIFE_DAYS))
                .readAt(v.get(TrainerKeys.FEATURES_READ_AT))
                .features(v.get(TrainerKeys.FEATURES).isEmpty() ? null : v.get(TrainerKeys.FEATURES))
                .window(v.get(TrainerKeys.WINDOW))
                .outOfOrderness(v.get(TrainerKeys.OUT_OF_ORDERNESS))
                .idleness(v.get(TrainerKeys.IDLENESS))
                .samplePerSubtask(v.get(TrainerKeys.SAMPLE_PER_WORKER))
                .decayFactor(v.get(TrainerKeys.DECAY))
                .maxInertiaIncrease(v.get(TrainerKeys.REFIT_MAX_INERTIA_INCREASE))
                .minSilhouetteGainForNewK(v.get(TrainerKeys.REFIT_MIN_SILHOUETTE_GAIN_FOR_NEW_K))
                .kChangeWindows(v.get(TrainerKeys.REFIT_K_CHANGE_WINDOWS))
                .minInertiaGain(v.get(TrainerKeys.REFIT_MIN_INERTIA_GAIN))
                .lifecycle(Lifecycle.DEFAULTS.withNewAndLapsedDays(v.get(TrainerKeys.LABEL_NEW_DAYS),
                        v.get(TrainerKeys.LABEL_LAPSED_DAYS)))
                .topics(new TrainerSettings.Topics(v.get(TrainerKeys.TOPIC_EVENTS), v.get(TrainerKeys.TOPIC_MODELS),
                        v.get(TrainerKeys.TOPIC_MODEL_HISTORY), v.get(TrainerKeys.TOPIC_DRIFT),
                        v.get(TrainerKeys.TOPIC_DEAD_LETTERS)))
                .dedup(new DedupPolicy(v.get(TrainerKeys.DEDUP_SIZE), v.get(TrainerKeys.DEDUP_WINDOW)))
                .build();
    }
}
