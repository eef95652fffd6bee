package io.segmenta.schemas.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoublePredicate;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One {@code segmenta.*} setting declared once: its key, its Kafka {@link ConfigDef.Type}, its default (as an
 * operator would write it, or {@code null} when there is none or the service computes one), its validator and its
 * doc, plus typed access to its value. The README's settings tables are checked against these declarations.
 *
 * <p>Values are parsed and validated by {@link ConfigDef}; durations, topic names and other structured values are
 * {@code STRING}s whose validator runs the same parser that later converts them, so a value that validates always
 * converts.
 *
 * @param <T> the value's Java type
 */
public final class Setting<T> {

    /** Kafka's rule for topic names: its legal characters, at most 249 of them. */
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private final String key;
    private final ConfigDef.Type type;
    private final String defaultText;
    private final ConfigDef.Validator validator;
    private final Function<Object, T> convert;
    private final String doc;

    private Setting(String key, ConfigDef.Type type, String defaultText, ConfigDef.Validator validator,
                    Function<Object, T> convert, String doc) {
        this.key = Objects.requireNonNull(key, "key");
        if (!key.startsWith(SettingsDefinition.PREFIX)) {
            throw new IllegalArgumentException("our settings start with " + SettingsDefinition.PREFIX + ": " + key);
        }
        this.type = type;
        this.defaultText = defaultText;
        this.validator = validator;
        this.convert = convert;
        this.doc = Objects.requireNonNull(doc, "doc");
        if (defaultText != null) {
            parse(defaultText); // a declaration whose own default fails is a bug: fail when the class loads
        }
    }

    /** Free text, e.g. a directory; {@code defaultText} may be null (no default). */
    public static Setting<String> text(String key, String defaultText, String doc) {
        return new Setting<>(key, ConfigDef.Type.STRING, defaultText, null, String.class::cast, doc);
    }

    /** A Kafka topic name. */
    public static Setting<String> topic(String key, String defaultTopic, String doc) {
        return parsed(key, defaultTopic, name -> {
            if (!TOPIC.matcher(name).matches()) {
                throw new IllegalArgumentException("must be a topic name (letters, digits, '.', '_', '-'; at most 249)");
            }
            return name;
        }, doc);
    }

    /** A whole number in {@code min..max}. */
    public static Setting<Integer> integer(String key, int defaultValue, int min, int max, String doc) {
        return new Setting<>(key, ConfigDef.Type.INT, Integer.toString(defaultValue), ConfigDef.Range.between(min, max),
                Integer.class::cast, doc);
    }

    /**
     * A number for which {@code valid} holds.
     *
     * @param rule what {@code valid} checks, for the message ("in [0, 1]", "> 0")
     */
    public static Setting<Double> number(String key, double defaultValue, DoublePredicate valid, String rule,
                                         String doc) {
        ConfigDef.Validator validator = (name, value) -> {
            if (value != null && !valid.test((Double) value)) {
                throw new ConfigException(name, value, "must be " + rule);
            }
        };
        return new Setting<>(key, ConfigDef.Type.DOUBLE, plain(defaultValue), validator, Double.class::cast, doc);
    }

    /** {@code true} or {@code false}. */
    public static Setting<Boolean> flag(String key, boolean defaultValue, String doc) {
        return new Setting<>(key, ConfigDef.Type.BOOLEAN, Boolean.toString(defaultValue), null, Boolean.class::cast,
                doc);
    }

    /** A duration in {@link Durations}' syntax, at least {@code min}. */
    public static Setting<Duration> duration(String key, String defaultText, Duration min, String doc) {
        return parsed(key, defaultText, text -> {
            Duration d;
            try {
                d = Durations.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("must be a duration such as 500ms, 30s, 15m, 24h, 7d or PT24H");
            }
            if (d.compareTo(min) < 0) {
                throw new IllegalArgumentException("must be at least " + Durations.format(min));
            }
            return d;
        }, doc);
    }

    /**
     * Any structured value: {@code parser} turns the text into the value or throws an
     * {@link IllegalArgumentException} whose message says what is expected ("must be ...").
     */
    public static <T> Setting<T> parsed(String key, String defaultText, Function<String, T> parser, String doc) {
        ConfigDef.Validator validator = (name, value) -> {
            if (value != null) {
                try {
                    parser.apply((String) value);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, value, e.getMessage());
                }
            }
        };
        return new Setting<>(key, ConfigDef.Type.STRING, defaultText, validator,
                value -> value == null ? null : parser.apply((String) value), doc);
    }

    public String key() {
        return key;
    }

    public ConfigDef.Type type() {
        return type;
    }

    /** The default as an operator writes it; {@code null} when there is none or the service computes one. */
    public String defaultText() {
        return defaultText;
    }

    /** The default's value; {@code null} when there is none. */
    public T defaultValue() {
        return defaultText == null ? null : parse(defaultText);
    }

    public String doc() {
        return doc;
    }

    /**
     * The value {@code text} sets, parsed and validated as a configuration would be.
     *
     * @throws InvalidSettingException naming the key when the declaration refuses it
     */
    public T parse(String text) {
        return convert(raw(text));
    }

    @Override
    public String toString() {
        return key;
    }

    void defineIn(ConfigDef def) {
        def.define(key, type, defaultText == null ? null : raw(defaultText), validator, ConfigDef.Importance.MEDIUM, doc);
    }

    /** Converts what {@link ConfigDef#parse} produced for this key. */
    T convert(Object parsed) {
        return parsed == null ? null : convert.apply(parsed);
    }

    private Object raw(String text) {
        try {
            Object value = ConfigDef.parseType(key, text, type);
            if (validator != null) {
                validator.ensureValid(key, value);
            }
            return value;
        } catch (ConfigException e) {
            throw new InvalidSettingException(e.getMessage(), e);
        }
    }

    /** {@code 30} rather than {@code 30.0}: defaults read as the README writes them. */
    private static String plain(double v) {
        return v == Math.rint(v) && !Double.isInfinite(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
