package io.segmenta.schemas.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code segmenta.*} settings of one service: its {@link Setting}s (the shared ones included) defined into a
 * Kafka {@link ConfigDef}, and the deprecated keys it still accepts. {@link #parse} reads a configuration: keys
 * outside {@code segmenta.*} are the caller's to route (Kafka, the registry); an unknown {@code segmenta.*} key is
 * an error naming it, so a typo never passes silently.
 */
public final class SettingsDefinition {

    /** Every key of ours starts with this; other keys belong to Kafka or the registry. */
    public static final String PREFIX = "segmenta.";

    private static final Logger LOG = LoggerFactory.getLogger(SettingsDefinition.class);

    private final String service;
    private final List<Setting<?>> settings;
    private final Map<String, Setting<?>> byKey;
    private final Map<String, Setting<?>> deprecated;
    private final ConfigDef configDef = new ConfigDef();

    private SettingsDefinition(String service, List<Setting<?>> settings, Map<String, Setting<?>> deprecated) {
        this.service = service;
        this.settings = List.copyOf(settings);
        Map<String, Setting<?>> keys = new LinkedHashMap<>();
        for (Setting<?> s : settings) {
            if (keys.put(s.key(), s) != null) {
                throw new IllegalArgumentException("declared twice: " + s.key());
            }
            s.defineIn(configDef);
        }
        this.byKey = Collections.unmodifiableMap(keys);
        deprecated.keySet().stream().filter(keys::containsKey).findFirst().ifPresent(k -> {
            throw new IllegalArgumentException("a deprecated key cannot also be a setting: " + k);
        });
        this.deprecated = Map.copyOf(deprecated);
    }

    /**
     * @param service who is configured ("trainer", "assigner"), for messages
     */
    public static Builder builder(String service) {
        return new Builder(service);
    }

    /** The declarations, in declaration order. */
    public List<Setting<?>> settings() {
        return settings;
    }

    /** Whether {@code key} is one of these settings (a deprecated key is not). */
    public boolean declares(String key) {
        return byKey.containsKey(key);
    }

    /** Deprecated key to the key that replaced it. */
    public Map<String, String> deprecatedKeys() {
        Map<String, String> out = new LinkedHashMap<>();
        deprecated.forEach((old, replacement) -> out.put(old, replacement.key()));
        return out;
    }

    /** The Kafka definition behind these settings (e.g. for {@link ConfigDef#toRst()}). */
    public ConfigDef configDef() {
        return configDef;
    }

    /**
     * Reads the {@code segmenta.*} keys of {@code properties}; others are ignored. A blank value counts as not set
     * (a properties file's {@code key=}). A deprecated key is read as its replacement, with a warning naming it.
     *
     * @throws InvalidSettingException naming the key: unknown, refused by its validator, or set under both its
     *                                 deprecated and its current name
     */
    public SettingValues parse(Map<String, String> properties) {
        Map<String, String> ours = new LinkedHashMap<>();
        Map<String, String> setUnder = new LinkedHashMap<>();
        properties.forEach((rawKey, rawValue) -> {
            String key = rawKey.trim();
            String value = rawValue == null ? "" : rawValue.trim();
            if (!key.startsWith(PREFIX) || value.isEmpty()) {
                return;
            }
            Setting<?> setting = byKey.get(key);
            if (setting == null) {
                setting = deprecated.get(key);
                if (setting == null) {
                    throw new InvalidSettingException(unknown(key));
                }
                LOG.warn("{}: setting {} is deprecated, use {} (the old name will be removed)", service, key,
                        setting.key());
            }
            String earlier = setUnder.put(setting.key(), key);
            if (earlier != null) {
                throw new InvalidSettingException(service + ": " + earlier + " and " + key + " are the same setting ("
                        + setting.key() + "); set only " + setting.key());
            }
            ours.put(setting.key(), value);
        });
        Map<String, Object> parsed;
        try {
            parsed = configDef.parse(ours);
        } catch (ConfigException e) {
            throw new InvalidSettingException(service + ": " + e.getMessage(), e);
        }
        return new SettingValues(this, parsed, ours.keySet());
    }

    private String unknown(String key) {
        StringBuilder message = new StringBuilder(service).append(": unknown setting ").append(key);
        closest(key).ifPresent(k -> message.append(" (did you mean ").append(k).append("?)"));
        return message.append("; the ").append(service).append("'s segmenta.* settings are ")
                .append(byKey.keySet()).toString();
    }

    /**
     * The declared key a wrong one most likely meant: one it is the cut-off start of
     * ({@code segmenta.refit.max-inertia}), else the nearest by edit distance when near enough to be a typo.
     */
    private Optional<String> closest(String key) {
        Optional<String> completed = byKey.keySet().stream().filter(k -> k.startsWith(key))
                .min(Comparator.comparingInt(String::length));
        if (completed.isPresent()) {
            return completed;
        }
        return byKey.keySet().stream()
                .min(Comparator.comparingInt(k -> editDistance(key, k)))
                .filter(k -> editDistance(key, k) <= Math.max(2, key.length() / 5));
    }

    /** Levenshtein distance, two rows at a time: keys are short. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** Collects the declarations of one service. */
    public static final class Builder {

        private final String service;
        private final List<Setting<?>> settings = new ArrayList<>();
        private final Map<String, Setting<?>> deprecated = new LinkedHashMap<>();
        private final Set<String> keys = new HashSet<>();

        private Builder(String service) {
            this.service = service;
        }

        public Builder add(Setting<?>... more) {
            return addAll(List.of(more));
        }

        public Builder addAll(Collection<? extends Setting<?>> more) {
            for (Setting<?> s : more) {
                keys.add(s.key());
                settings.add(s);
            }
            return this;
        }

        /** Still accept {@code oldKey} as {@code replacement}, with a warning (operators' files must not break). */
        public Builder deprecated(String oldKey, Setting<?> replacement) {
            deprecated.put(oldKey, replacement);
            return this;
        }

        public SettingsDefinition build() {
            deprecated.values().stream().filter(s -> !keys.contains(s.key())).findFirst().ifPresent(s -> {
                throw new IllegalArgumentException("a deprecated key must map to a declared setting: " + s.key());
            });
            return new SettingsDefinition(service, settings, deprecated);
        }
    }
}
