package io.segmenta.schemas.config;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The values of one service's settings in a configuration: what was set, parsed and validated, or the default. */
public final class SettingValues {

    private final SettingsDefinition definition;
    private final Map<String, Object> parsed;
    private final Set<String> explicit;

    SettingValues(SettingsDefinition definition, Map<String, Object> parsed, Set<String> explicit) {
        this.definition = definition;
        // ConfigDef keeps unset settings without a default as null entries; Map.copyOf refuses nulls
        this.parsed = Map.copyOf(parsed.entrySet().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        this.explicit = Set.copyOf(explicit);
    }

    /**
     * The setting's value, or its default; {@code null} when it has neither.
     *
     * @throws IllegalArgumentException when the setting is not this service's (a programming error)
     */
    public <T> T get(Setting<T> setting) {
        requireDeclared(setting);
        return setting.convert(parsed.get(setting.key()));
    }

    /** Whether the configuration set it (under its key or a deprecated one), rather than leaving the default. */
    public boolean isSet(Setting<?> setting) {
        requireDeclared(setting);
        return explicit.contains(setting.key());
    }

    private void requireDeclared(Setting<?> setting) {
        if (!definition.declares(setting.key())) {
            throw new IllegalArgumentException(setting.key() + " is not declared in this definition");
        }
    }
}
