package io.segmenta.schemas.serde;

import io.segmenta.schemas.registry.SchemaRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import java.util.HashMap;
import java.util.Map;

/** Kafka {@link Serde}s of our Avro records, for Kafka Streams topologies and plain clients. */
public final class AvroSerdes {

    private AvroSerdes() {
    }

    /** A value (or key) serde of {@code type} backed by {@code registry}. */
    public static <T extends SpecificRecord> Serde<T> specific(Class<T> type, SchemaRegistry registry, boolean isKey) {
        AvroSerializer<T> serializer = new AvroSerializer<>(registry, isKey);
        AvroDeserializer<T> deserializer = new AvroDeserializer<>(registry, type);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    /** A value serde of {@code type} backed by {@code registry}. */
    public static <T extends SpecificRecord> Serde<T> value(Class<T> type, SchemaRegistry registry) {
        return specific(type, registry, false);
    }

    /**
     * Client properties that make reflectively created serdes ({@link AvroSerializer}, {@link AvroDeserializer})
     * use the given registry object, e.g. the embedded runtime's in-process one.
     */
    public static Map<String, Object> registryInstanceConfig(SchemaRegistry registry) {
        Map<String, Object> config = new HashMap<>();
        config.put(SerdeConfig.REGISTRY_INSTANCE, registry);
        return config;
    }
}
