package io.segmenta.trainer.job;

import io.segmenta.assigner.dedup.DedupPolicy;
import io.segmenta.avro.Algorithm;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the trainer's configuration from properties: {@code segmenta.*} keys are ours, {@code schema.registry.*}
 * and {@code basic.auth.*} go to the registry client, everything else (security included) to Kafka.
 *
 * <pre>
 * bootstrap.servers=localhost:9092
 * schema.registry.url=http://localhost:8081
 * segmenta.model.name=default          segmenta.algorithm=kmeans | gmm-diagonal | gmm-full
 * segmenta.k=3..8 (or 5)               segmenta.k.min-segment-share=0.01 (choosing k: smaller segments rule a k out)
 * segmenta.window=PT1H
 * segmenta.out-of-orderness=PT5M       segmenta.idleness=PT30S
 * segmenta.half-life.days=30           segmenta.sample.per.worker=2000
 * segmenta.decay=0.5                   segmenta.start=committed | earliest | latest | 2024-01-01T00:00:00Z
 * segmenta.backfill=false              (with backfill, segmenta.start defaults to earliest)
 * segmenta.checkpoint.interval=PT10S   segmenta.checkpoint.dir=file:///var/lib/segmenta/checkpoints
 * segmenta.restore=latest | latest-if-any | &lt;checkpoint or savepoint path&gt;
 * segmenta.group.id=segmenta-trainer   segmenta.parallelism=2
 * segmenta.dedup.size=64               segmenta.dedup.window=PT24H   (keep them equal to the assigner's)
 * segmenta.topics.events=customer-events (and .models, .model-history, .drift, .dlq)
 * </pre>
 */
public record TrainerConfig(TrainerSettings settings, TrainerKafkaSettings kafka, int parallelism,
                            CheckpointSettings checkpoints) {

    public static TrainerConfig fromProperties(Properties props) {
        Map<String, String> p = new HashMap<>();
        props.stringPropertyNames().forEach(k -> p.put(k, props.getProperty(k).trim()));
        TrainerSettings d = TrainerSettings.defaults();
        int[] k = parseK(p.getOrDefault("segmenta.k", d.kMin() + ".." + d.kMax()));
        TrainerSettings.Topics topics = new TrainerSettings.Topics(
                p.getOrDefault("segmenta.topics.events", d.topics().events()),
                p.getOrDefault("segmenta.topics.models", d.topics().models()),
                p.getOrDefault("segmenta.topics.model-history", d.topics().modelHistory()),
                p.getOrDefault("segmenta.topics.drift", d.topics().drift()),
                p.getOrDefault("segmenta.topics.dlq", d.topics().deadLetters()));
        TrainerSettings settings = new TrainerSettings(
                p.getOrDefault("segmenta.model.name", d.modelName()),
                algorithm(p.getOrDefault("segmenta.algorithm", "kmeans")),
                k[0], k[1],
                duration(p, "segmenta.window", d.window()),
                duration(p, "segmenta.out-of-orderness", d.outOfOrderness()),
                duration(p, "segmenta.idleness", d.idleness()),
                number(p, "segmenta.half-life.days", d.halfLifeDays()),
                d.features(),
                (int) number(p, "segmenta.sample.per.worker", d.samplePerSubtask()),
                number(p, "segmenta.decay", d.decayFactor()),
                d.maxInertiaIncrease(), d.minSilhouetteGainForNewK(),
                number(p, "segmenta.k.min-segment-share", d.minSegmentShare()), d.eventRules(), topics, d.seed(),
                new DedupPolicy((int) number(p, "segmenta.dedup.size", d.dedup().capacity()),
                        duration(p, "segmenta.dedup.window", d.dedup().window())));

        Map<String, String> registry = new HashMap<>();
        Map<String, String> kafkaProps = new HashMap<>();
        p.forEach((key, value) -> {
            if (key.startsWith("schema.registry.") || key.startsWith("basic.auth.")) {
                registry.put(key, value);
            } else if (!key.startsWith("segmenta.") && !key.equals("bootstrap.servers")) {
                kafkaProps.put(key, value);
            }
        });
        String bootstrap = p.get("bootstrap.servers");
        if (bootstrap == null) {
            throw new IllegalArgumentException("bootstrap.servers is required (--bootstrap-servers)");
        }
        if (!registry.containsKey("schema.registry.url")) {
            throw new IllegalArgumentException("schema.registry.url is required (--schema-registry)");
        }
        boolean backfill = Boolean.parseBoolean(p.getOrDefault("segmenta.backfill", "false"));
        TrainerKafkaSettings kafka = new TrainerKafkaSettings(bootstrap, registry,
                p.getOrDefault("segmenta.group.id", "segmenta-trainer"),
                // a backfill retrains on the history: from the beginning unless told otherwise
                p.getOrDefault("segmenta.start", backfill ? "earliest" : "committed"),
                backfill,
                duration(p, "segmenta.checkpoint.interval", Duration.ofSeconds(10)),
                p.getOrDefault("segmenta.transactional.id.prefix", "segmenta-trainer-" + settings.modelName()),
                kafkaProps);
        int parallelism = (int) number(p, "segmenta.parallelism", 2);
        if (parallelism < 1) {
            throw new IllegalArgumentException("segmenta.parallelism must be >= 1, got " + parallelism);
        }
        CheckpointSettings checkpoints = new CheckpointSettings(p.get("segmenta.checkpoint.dir"), p.get("segmenta.restore"));
        return new TrainerConfig(settings, kafka, parallelism, checkpoints);
    }

    static int[] parseK(String text) {
        try {
            if (text.contains("..")) {
                String[] parts = text.split("\\.\\.");
                return new int[]{Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
            }
            int k = Integer.parseInt(text);
            return new int[]{k, k};
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("segmenta.k must be a number or a range like 3..8, got " + text);
        }
    }

    static Algorithm algorithm(String text) {
        return switch (text.toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "kmeans", "k-means" -> Algorithm.KMEANS;
            case "gmm", "gmm-diagonal" -> Algorithm.GMM_DIAGONAL;
            case "gmm-full" -> Algorithm.GMM_FULL;
            default -> throw new IllegalArgumentException("segmenta.algorithm must be kmeans, gmm-diagonal or gmm-full, got "
                    + text);
        };
    }

    private static Duration duration(Map<String, String> p, String key, Duration fallback) {
        String v = p.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Duration.parse(v);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " must be an ISO-8601 duration such as PT1H, got " + v);
        }
    }

    private static double number(Map<String, String> p, String key, double fallback) {
        String v = p.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got " + v);
        }
    }
}
