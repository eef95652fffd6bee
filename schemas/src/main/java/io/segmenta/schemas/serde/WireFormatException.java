package io.segmenta.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record's bytes cannot be turned into the expected Avro record. Deterministic: retrying the same bytes
 * fails the same way, so the record belongs in a dead-letter topic with {@link #reason()} and the message.
 * (A registry that cannot be reached is not this: see {@code SchemaRegistryUnavailableException}.)
 */
public class WireFormatException extends SerializationException {

    /** Why the bytes were refused; also the value of the dead-letter reason header. */
    public enum Reason {
        /** null or empty value where a record was expected */
        EMPTY,
        /** the first byte is not the magic byte 0: not Confluent-framed Avro */
        NO_MAGIC_BYTE,
        /** fewer bytes than the header or than the record needs */
        TRUNCATED,
        /** the schema id in the header is not known to the registry */
        UNKNOWN_SCHEMA_ID,
        /** the writer's schema cannot be resolved to the reader's schema */
        INCOMPATIBLE_SCHEMA,
        /** the Avro payload is malformed (bad lengths, bad union index, trailing bytes, ...) */
        CORRUPT_PAYLOAD
    }

    private final Reason reason;
    private final String topic;
    private final int schemaId;
    private final String detail;
    private final int partition;
    private final long offset;

    public WireFormatException(Reason reason, String topic, int schemaId, String detail, Throwable cause) {
        this(reason, topic, schemaId, detail, cause, -1, -1L);
    }

    private WireFormatException(Reason reason, String topic, int schemaId, String detail, Throwable cause,
                                int partition, long offset) {
        super(reason + ": " + detail + " (topic " + topic
                + (partition >= 0 ? ", partition " + partition + ", offset " + offset : "")
                + (schemaId >= 0 ? ", schema id " + schemaId : "") + ")", cause);
        this.reason = reason;
        this.topic = topic;
        this.schemaId = schemaId;
        this.detail = detail;
        this.partition = partition;
        this.offset = offset;
    }

    public Reason reason() {
        return reason;
    }

    public String topic() {
        return topic;
    }

    /** Schema id of the header, or -1 when there was no readable header. */
    public int schemaId() {
        return schemaId;
    }

    /** Partition of the record, or -1 when not known. */
    public int partition() {
        return partition;
    }

    /** Offset of the record, or -1 when not known. */
    public long offset() {
        return offset;
    }

    /**
     * The same error with the record's partition and offset in the message, for logs and dead-letter headers
     * (a Kafka {@code Deserializer} does not know them; the caller that has the record does).
     */
    public WireFormatException at(int partition, long offset) {
        return new WireFormatException(reason, topic, schemaId, detail, getCause(), partition, offset);
    }
}
