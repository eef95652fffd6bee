package io.segmenta.schemas.registry;

import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry API that the serdes and tools need. Implemented by a REST
 * client for real servers ({@link RestSchemaRegistryClient}) and by an in-process registry
 * ({@link InMemorySchemaRegistry}) for the embedded demo and unit tests.
 *
 * <p>All methods throw {@link SchemaRegistryException} subclasses: {@link SchemaNotFoundException},
 * {@link IncompatibleSchemaException}, {@link InvalidSchemaException}, or
 * {@link SchemaRegistryUnavailableException} when the server cannot be reached (a transient condition,
 * unlike the others).
 */
public interface SchemaRegistry {

    /** Registers the schema under the subject (idempotent) and returns its global id. */
    int register(String subject, Schema schema);

    /** The schema with this global id. */
    Schema schemaById(int id);

    /** The newest version registered under the subject. */
    RegisteredSchema latest(String subject);

    /**
     * Whether the schema could be registered under the subject given the subject's compatibility level;
     * true when the subject does not exist yet.
     */
    boolean isCompatible(String subject, Schema schema);

    /** Compatibility level of a subject, or the global default when {@code subject} is null. */
    Compatibility compatibility(String subject);

    /** Sets the compatibility level of a subject, or the global default when {@code subject} is null. */
    void setCompatibility(String subject, Compatibility level);

    /** Subject under which values ({@code isKey} false) or keys of a topic are registered (TopicNameStrategy). */
    static String subjectFor(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }
}
