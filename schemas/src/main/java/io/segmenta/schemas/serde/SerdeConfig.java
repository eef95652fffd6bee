package io.segmenta.schemas.serde;

import io.segmenta.schemas.registry.RestSchemaRegistryClient;
import io.segmenta.schemas.registry.SchemaRegistry;
import io.segmenta.schemas.registry.SchemaRegistryConfig;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Finds the registry a reflectively created serde should use, from its Kafka configuration. */
final class SerdeConfig {

    /**
     * A {@link SchemaRegistry} object under this key wins over {@code schema.registry.url}: lets the embedded
     * runtime hand its in-process registry to serdes that Kafka or Flink create by class name.
     */
    static final String REGISTRY_INSTANCE = "segmenta.schema.registry.instance";

    // One client (and so one id cache) per distinct registry configuration in this JVM, as Confluent's serdes do.
    private static final Map<String, SchemaRegistry> CLIENTS = new ConcurrentHashMap<>();

    private SerdeConfig() {
    }

    static SchemaRegistry registry(Map<String, ?> configs) {
        Object instance = configs.get(REGISTRY_INSTANCE);
        if (instance instanceof SchemaRegistry registry) {
            return registry;
        }
        if (configs.get(SchemaRegistryConfig.URL) == null) {
            throw new IllegalArgumentException("Avro serde needs " + SchemaRegistryConfig.URL + " (or "
                    + REGISTRY_INSTANCE + ") in its configuration");
        }
        Map<String, String> registryProps = new TreeMap<>();
        configs.forEach((k, v) -> {
            if (v != null && (k.startsWith("schema.registry.") || k.startsWith("basic.auth."))) {
                registryProps.put(k, v.toString());
            }
        });
        return CLIENTS.computeIfAbsent(registryProps.toString(),
                key -> RestSchemaRegistryClient.fromProperties(registryProps));
    }
}
