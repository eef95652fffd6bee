package io.segmenta.streams;

import io.segmenta.assigner.dedup.DedupPolicy;
import io.segmenta.assigner.scoring.SwitchMargin;
import io.segmenta.assigner.scoring.SwitchPersistence;
import io.segmenta.schemas.config.Setting;
import io.segmenta.schemas.config.SettingValues;
import io.segmenta.schemas.config.SettingsDefinition;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Everything the assigner service is configured with. {@code segmenta.*} keys are ours (declared in
 * {@link AssignerKeys}; an unknown one is refused); every other key passes through untouched: registry keys
 * ({@code schema.registry.*}, {@code basic.auth.*}, {@code auto.register.schemas}) to the Avro serdes, all the rest
 * (security included) to Kafka Streams and its clients. Build one with {@link #fromMap} or {@link #load}; invalid values fail with a message naming the key.
 *
 * @param clientProperties  Kafka Streams / client properties, with our defaults applied
 * @param registryProperties properties for the Avro serdes and the registry client
 * @param advertisedHost    host other instances use to reach this one's HTTP API ({@code application.server})
 * @param switchMargin      how clearly a segment must beat a customer's current one to take it over, for events
 *                          and re-scores alike
 * @param switchPersistence how many of a customer's events in a row must choose another segment before she moves
 * @param minHistory        how much of her own time a customer's profile must span before her first segment
 * @param historySize       segment transitions kept per customer (0 = none)
 */
public record AssignerSettings(
        Map<String, String> clientProperties,
        Map<String, String> registryProperties,
        AssignerTopics topics,
        String modelName,
        double halfLifeDays,
        String httpHost,
        int httpPort,
        String advertisedHost,
        int dedupSize,
        Duration dedupWindow,
        int rescoreChunk,
        Duration rescoreInterval,
        SwitchMargin switchMargin,
        SwitchPersistence switchPersistence,
        Duration minHistory,
        int historySize,
        Duration driftWindow) {

    /**
     * Producer settings of ours unless the configuration says otherwise (plain or {@code producer.}-prefixed). Every
     * event writes its customer's state to the changelog besides the outputs: large lz4 batches cut the produce
     * requests per event several-fold (1.5x the events/s on 2 cores, broker included; see the README's benchmarks).
     * A short linger (Kafka Streams sets 100 ms) sends them as they fill instead of all at the commit, which would
     * otherwise add to the event-to-change latency.
     */
    public static final Map<String, String> PRODUCER_DEFAULTS = Map.of(
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
            ProducerConfig.BATCH_SIZE_CONFIG, "262144",
            ProducerConfig.LINGER_MS_CONFIG, "5");

    public static final String DEFAULT_APPLICATION_ID = "segmenta-assigner";
    private static final List<String> REGISTRY_PREFIXES = List.of("schema.registry.", "basic.auth.");
    private static final String AUTO_REGISTER = "auto.register.schemas";

    public AssignerSettings {
        clientProperties = Collections.unmodifiableMap(new TreeMap<>(clientProperties));
        registryProperties = Collections.unmodifiableMap(new TreeMap<>(registryProperties));
        Objects.requireNonNull(topics, "topics");
        if (modelName == null || modelName.isBlank()) {
            throw new IllegalArgumentException(AssignerKeys.MODEL_NAME.key() + " must not be blank");
        }
        if (!(halfLifeDays > 0) || Double.isInfinite(halfLifeDays)) {
            throw new IllegalArgumentException(AssignerKeys.HALF_LIFE_DAYS.key() + " must be a positive number of days, was " + halfLifeDays);
        }
        if (httpHost == null || httpHost.isBlank()) {
            throw new IllegalArgumentException(AssignerKeys.HTTP_HOST.key() + " must not be blank");
        }
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException(AssignerKeys.HTTP_PORT.key() + " must be 0..65535, was " + httpPort);
        }
        if (dedupSize < 1 || dedupSize > DedupPolicy.MAX_CAPACITY) {
            throw new IllegalArgumentException(AssignerKeys.DEDUP_SIZE.key() + " must be 1.." + DedupPolicy.MAX_CAPACITY
                    + " (it is stored with every customer), was " + dedupSize);
        }
        requirePositive(AssignerKeys.DEDUP_WINDOW, dedupWindow);
        if (rescoreChunk < 1) {
            throw new IllegalArgumentException(AssignerKeys.RESCORE_CHUNK.key() + " must be at least 1, was " + rescoreChunk);
        }
        requirePositive(AssignerKeys.RESCORE_INTERVAL, rescoreInterval);
        Objects.requireNonNull(switchMargin, "switchMargin");
        Objects.requireNonNull(switchPersistence, "switchPersistence");
        if (minHistory == null || minHistory.isNegative()) {
            throw new IllegalArgumentException(AssignerKeys.MIN_HISTORY.key() + " must not be negative, was " + minHistory);
        }
        if (historySize < 0 || historySize > AssignerKeys.SEGMENT_HISTORY_MAX) {
            throw new IllegalArgumentException(AssignerKeys.HISTORY_SIZE.key() + " must be 0.."
                    + AssignerKeys.SEGMENT_HISTORY_MAX + ", was " + historySize);
        }
        requirePositive(AssignerKeys.DRIFT_WINDOW, driftWindow);
        if (advertisedHost == null || advertisedHost.isBlank()) {
            advertisedHost = defaultAdvertisedHost(httpHost);
        }
        String bootstrap = clientProperties.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG
                    + " is required (--bootstrap-servers or in the config file)");
        }
    }

    /**
     * Settings from flat properties: our keys, registry keys and Kafka keys mixed, as in the config file.
     *
     * @throws io.segmenta.schemas.config.InvalidSettingException naming the key: an unknown {@code segmenta.*} key
     *                                                            or an invalid value
     */
    public static AssignerSettings fromMap(Map<String, String> properties) {
        Map<String, String> registry = new TreeMap<>();
        Map<String, String> client = new TreeMap<>();
        properties.forEach((k, v) -> {
            String key = k.trim();
            String value = v == null ? "" : v.trim();
            if (key.startsWith(SettingsDefinition.PREFIX)) {
                return; // ours: read below
            }
            if (key.equals(AUTO_REGISTER) || REGISTRY_PREFIXES.stream().anyMatch(key::startsWith)) {
                registry.put(key, value);
            } else {
                client.put(key, value);
            }
        });
        SettingValues ours = AssignerKeys.DEFINITION.parse(properties);
        client.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, DEFAULT_APPLICATION_ID);
        // exactly-once by default: the store, the changelog and the outputs commit together
        client.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        PRODUCER_DEFAULTS.forEach((key, value) -> {
            if (!client.containsKey(key) && !client.containsKey(StreamsConfig.PRODUCER_PREFIX + key)) {
                client.put(StreamsConfig.PRODUCER_PREFIX + key, value);
            }
        });

        return new AssignerSettings(client, registry,
                new AssignerTopics(ours.get(AssignerKeys.TOPIC_EVENTS), ours.get(AssignerKeys.TOPIC_MODELS),
                        ours.get(AssignerKeys.TOPIC_MODEL_HISTORY),
                        ours.get(AssignerKeys.TOPIC_ASSIGNMENTS), ours.get(AssignerKeys.TOPIC_CHANGES),
                        ours.get(AssignerKeys.TOPIC_DEAD_LETTERS)),
                ours.get(AssignerKeys.MODEL_NAME),
                ours.get(AssignerKeys.HALF_LIFE_DAYS),
                ours.get(AssignerKeys.HTTP_HOST),
                ours.get(AssignerKeys.HTTP_PORT),
                ours.get(AssignerKeys.HTTP_ADVERTISED_HOST),
                ours.get(AssignerKeys.DEDUP_SIZE),
                ours.get(AssignerKeys.DEDUP_WINDOW),
                ours.get(AssignerKeys.RESCORE_CHUNK),
                ours.get(AssignerKeys.RESCORE_INTERVAL),
                new SwitchMargin(ours.get(AssignerKeys.DISTANCE_MARGIN), ours.get(AssignerKeys.POSTERIOR_MARGIN)),
                switchPersistence(ours),
                ours.get(AssignerKeys.MIN_HISTORY),
                ours.get(AssignerKeys.HISTORY_SIZE),
                ours.get(AssignerKeys.DRIFT_WINDOW));
    }

    private static SwitchPersistence switchPersistence(SettingValues ours) {
        int wins = ours.get(AssignerKeys.CONSECUTIVE_WINS);
        int reversalWins = ours.get(AssignerKeys.REVERSAL_WINS);
        if (reversalWins < wins) {
            throw new IllegalArgumentException(AssignerKeys.REVERSAL_WINS.key() + " (" + reversalWins
                    + ") must be at least " + AssignerKeys.CONSECUTIVE_WINS.key() + " (" + wins + ")");
        }
        return new SwitchPersistence(wins, reversalWins, ours.get(AssignerKeys.REVERSAL_WINDOW).toMillis());
    }

    /**
     * Settings from a Java properties file (may be null for none), then {@code overrides} on top.
     *
     * @throws IllegalArgumentException if the file cannot be read or a value is invalid
     */
    public static AssignerSettings load(Path file, Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>();
        if (file != null) {
            merged.putAll(readProperties(file));
        }
        merged.putAll(overrides);
        return fromMap(merged);
    }

    static Map<String, String> readProperties(Path file) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("Config file " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read config file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> map = new LinkedHashMap<>();
        props.stringPropertyNames().forEach(k -> map.put(k, props.getProperty(k)));
        return map;
    }

    public String applicationId() {
        return clientProperties.get(StreamsConfig.APPLICATION_ID_CONFIG);
    }

    /**
     * Kafka Streams properties: the pass-through client properties plus {@code application.server} pointing at
     * this instance's HTTP API (interactive queries route requests for other instances' customers through it).
     *
     * @param httpPort the port the HTTP API actually listens on (differs from {@link #httpPort()} when that is 0)
     */
    public Properties streamsProperties(int httpPort) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.putIfAbsent(StreamsConfig.APPLICATION_SERVER_CONFIG, advertisedHost + ":" + httpPort);
        return props;
    }

    /** The de-duplication the trainer applies too (same class, same defaults). */
    public DedupPolicy dedup() {
        return new DedupPolicy(dedupSize, dedupWindow);
    }

    /** Configuration for the Avro serdes: the registry keys only (URL, auth, TLS, auto-registration). */
    public Map<String, Object> serdeConfig() {
        return new TreeMap<>(registryProperties);
    }

    /** Copy with other client properties on top, e.g. a test's state directory. */
    public AssignerSettings withClientProperties(Map<String, String> more) {
        Map<String, String> client = new TreeMap<>(clientProperties);
        client.putAll(more);
        return new AssignerSettings(client, registryProperties, topics, modelName, halfLifeDays, httpHost, httpPort,
                advertisedHost, dedupSize, dedupWindow, rescoreChunk, rescoreInterval, switchMargin, switchPersistence,
                minHistory, historySize, driftWindow);
    }

    private static void requirePositive(Setting<Duration> setting, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(setting.key() + " must be a positive duration, was " + d);
        }
    }

    private static String defaultAdvertisedHost(String bindHost) {
        if (!bindHost.equals("0.0.0.0") && !bindHost.equals("::")) {
            return bindHost;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
