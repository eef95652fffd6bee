package io.segmenta.streams;

import io.segmenta.assigner.dedup.DedupPolicy;
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
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the assigner service is configured with. {@code segmenta.*} keys are ours (see {@link Key}); every
 * other key passes through untouched: registry keys ({@code schema.registry.*}, {@code basic.auth.*},
 * {@code auto.register.schemas}) to the Avro serdes, all the rest (security included) to Kafka Streams and its
 * clients. Build one with {@link #fromMap} or {@link #load}; invalid values fail with a message naming the key.
 *
 * @param clientProperties  Kafka Streams / client properties, with our defaults applied
 * @param registryProperties properties for the Avro serdes and the registry client
 * @param advertisedHost    host other instances use to reach this one's HTTP API ({@code application.server})
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

    /** Our keys, their defaults and what they mean; the README's settings table lists the same. */
    public enum Key {
        TOPIC_EVENTS("segmenta.topic.events", AssignerTopics.DEFAULTS.events(), "input topic of customer events"),
        TOPIC_MODELS("segmenta.topic.models", AssignerTopics.DEFAULTS.models(), "input topic of models (compacted)"),
        TOPIC_ASSIGNMENTS("segmenta.topic.assignments", AssignerTopics.DEFAULTS.assignments(), "output topic of assignments (compacted)"),
        TOPIC_CHANGES("segmenta.topic.changes", AssignerTopics.DEFAULTS.changes(), "output topic of segment changes"),
        TOPIC_DEAD_LETTERS("segmenta.topic.dead-letters", AssignerTopics.DEFAULTS.deadLetters(), "output topic of dead letters"),
        MODEL_NAME("segmenta.model.name", "default", "model lineage (key on the models topic) to serve"),
        HALF_LIFE_DAYS("segmenta.half-life.days", "30", "decay half-life profiles are folded with; models must match"),
        HTTP_HOST("segmenta.http.host", "127.0.0.1", "address the HTTP API binds"),
        HTTP_PORT("segmenta.http.port", "7070", "port of the HTTP API (0 = any free port)"),
        HTTP_ADVERTISED_HOST("segmenta.http.advertised-host", "", "host other instances reach this one at (default: the bind host, or the machine's name when binding 0.0.0.0)"),
        DEDUP_SIZE("segmenta.dedup.size", String.valueOf(DedupPolicy.DEFAULT_CAPACITY), "event ids remembered per customer"),
        DEDUP_WINDOW("segmenta.dedup.window", DedupPolicy.DEFAULT_WINDOW.toHours() + "h",
                "event-time window of remembered ids, before the customer's latest event"),
        RESCORE_CHUNK("segmenta.rescore.chunk", "2000", "customers re-scored per punctuation after a model update"),
        RESCORE_INTERVAL("segmenta.rescore.interval", "100ms", "wall-clock interval of the model check / re-score punctuator"),
        DRIFT_WINDOW("segmenta.drift.window", "1m", "wall-clock window of the live drift statistics");

        public final String key;
        public final String defaultValue;
        public final String description;

        Key(String key, String defaultValue, String description) {
            this.key = key;
            this.defaultValue = defaultValue;
            this.description = description;
        }
    }

    public static final String DEFAULT_APPLICATION_ID = "segmenta-assigner";
    static final String PREFIX = "segmenta.";
    private static final List<String> REGISTRY_PREFIXES = List.of("schema.registry.", "basic.auth.");
    private static final String AUTO_REGISTER = "auto.register.schemas";
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    public AssignerSettings {
        clientProperties = Collections.unmodifiableMap(new TreeMap<>(clientProperties));
        registryProperties = Collections.unmodifiableMap(new TreeMap<>(registryProperties));
        Objects.requireNonNull(topics, "topics");
        if (modelName == null || modelName.isBlank()) {
            throw new IllegalArgumentException(Key.MODEL_NAME.key + " must not be blank");
        }
        if (!(halfLifeDays > 0) || Double.isInfinite(halfLifeDays)) {
            throw new IllegalArgumentException(Key.HALF_LIFE_DAYS.key + " must be a positive number of days, was " + halfLifeDays);
        }
        if (httpHost == null || httpHost.isBlank()) {
            throw new IllegalArgumentException(Key.HTTP_HOST.key + " must not be blank");
        }
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException(Key.HTTP_PORT.key + " must be 0..65535, was " + httpPort);
        }
        if (dedupSize < 1 || dedupSize > DedupPolicy.MAX_CAPACITY) {
            throw new IllegalArgumentException(Key.DEDUP_SIZE.key + " must be 1.." + DedupPolicy.MAX_CAPACITY
                    + " (it is stored with every customer), was " + dedupSize);
        }
        requirePositive(Key.DEDUP_WINDOW, dedupWindow);
        if (rescoreChunk < 1) {
            throw new IllegalArgumentException(Key.RESCORE_CHUNK.key + " must be at least 1, was " + rescoreChunk);
        }
        requirePositive(Key.RESCORE_INTERVAL, rescoreInterval);
        requirePositive(Key.DRIFT_WINDOW, driftWindow);
        if (advertisedHost == null || advertisedHost.isBlank()) {
            advertisedHost = defaultAdvertisedHost(httpHost);
        }
        String bootstrap = clientProperties.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG
                    + " is required (--bootstrap-servers or in the config file)");
        }
    }

    /** Settings from flat properties: our keys, registry keys and Kafka keys mixed, as in the config file. */
    public static AssignerSettings fromMap(Map<String, String> properties) {
        Map<String, String> ours = new LinkedHashMap<>();
        Map<String, String> registry = new TreeMap<>();
        Map<String, String> client = new TreeMap<>();
        properties.forEach((k, v) -> {
            String key = k.trim();
            String value = v == null ? "" : v.trim();
            if (key.startsWith(PREFIX)) {
                ours.put(key, value);
            } else if (key.equals(AUTO_REGISTER) || REGISTRY_PREFIXES.stream().anyMatch(key::startsWith)) {
                registry.put(key, value);
            } else {
                client.put(key, value);
            }
        });
        for (String key : ours.keySet()) {
            if (java.util.Arrays.stream(Key.values()).noneMatch(k -> k.key.equals(key))) {
                throw new IllegalArgumentException("Unknown setting " + key + "; known segmenta.* settings: "
                        + java.util.Arrays.stream(Key.values()).map(k -> k.key).toList());
            }
        }
        client.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, DEFAULT_APPLICATION_ID);
        // exactly-once by default: the store, the changelog and the outputs commit together
        client.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        PRODUCER_DEFAULTS.forEach((key, value) -> {
            if (!client.containsKey(key) && !client.containsKey(StreamsConfig.PRODUCER_PREFIX + key)) {
                client.put(StreamsConfig.PRODUCER_PREFIX + key, value);
            }
        });

        return new AssignerSettings(client, registry,
                new AssignerTopics(get(ours, Key.TOPIC_EVENTS), get(ours, Key.TOPIC_MODELS),
                        get(ours, Key.TOPIC_ASSIGNMENTS), get(ours, Key.TOPIC_CHANGES), get(ours, Key.TOPIC_DEAD_LETTERS)),
                get(ours, Key.MODEL_NAME),
                parseDouble(ours, Key.HALF_LIFE_DAYS),
                get(ours, Key.HTTP_HOST),
                parseInt(ours, Key.HTTP_PORT),
                get(ours, Key.HTTP_ADVERTISED_HOST),
                parseInt(ours, Key.DEDUP_SIZE),
                parseDuration(ours, Key.DEDUP_WINDOW),
                parseInt(ours, Key.RESCORE_CHUNK),
                parseDuration(ours, Key.RESCORE_INTERVAL),
                parseDuration(ours, Key.DRIFT_WINDOW));
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
                advertisedHost, dedupSize, dedupWindow, rescoreChunk, rescoreInterval, driftWindow);
    }

    private static String get(Map<String, String> ours, Key key) {
        String v = ours.get(key.key);
        return v == null || v.isEmpty() ? key.defaultValue : v;
    }

    private static int parseInt(Map<String, String> ours, Key key) {
        String v = get(ours, key);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key.key + " must be a whole number, was '" + v + "'");
        }
    }

    private static double parseDouble(Map<String, String> ours, Key key) {
        String v = get(ours, key);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key.key + " must be a number, was '" + v + "'");
        }
    }

    private static Duration parseDuration(Map<String, String> ours, Key key) {
        String v = get(ours, key);
        try {
            return parseDuration(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key.key + " must be a duration such as 100ms, 30s, 5m, 24h, 2d or "
                    + "PT24H, was '" + v + "'");
        }
    }

    /** {@code 100ms}, {@code 30s}, {@code 5m}, {@code 24h}, {@code 2d}, or ISO-8601 ({@code PT24H}). */
    static Duration parseDuration(String text) {
        String v = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE_DURATION.matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a duration: " + text, e);
        }
    }

    private static void requirePositive(Key key, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key.key + " must be a positive duration, was " + d);
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
