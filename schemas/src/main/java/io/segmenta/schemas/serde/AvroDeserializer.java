package io.segmenta.schemas.serde;

import io.segmenta.schemas.registry.AvroCompatibility;
import io.segmenta.schemas.registry.SchemaNotFoundException;
import io.segmenta.schemas.registry.SchemaRegistry;
import io.segmenta.schemas.serde.WireFormatException.Reason;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kafka deserializer of Confluent-framed Avro into a specific record class. The writer schema is fetched by
 * the id in the header (cached) and resolved to the class's schema with Avro's schema resolution, so
 * producers with older or newer compatible schemas are read correctly.
 *
 * <p>Bad bytes raise {@link WireFormatException} with a {@link Reason}; an unreachable registry raises
 * {@code SchemaRegistryUnavailableException} instead, because that is not the record's fault.
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    /** With {@link #configure}: the fully qualified class of the records to read. */
    public static final String VALUE_CLASS = "segmenta.avro.class";

    private SchemaRegistry registry;
    private Class<T> type;
    private Schema readerSchema;
    private final Map<Integer, SpecificDatumReader<T>> readersById = new ConcurrentHashMap<>();

    /** For Kafka's reflective construction; {@link #configure} must follow. */
    public AvroDeserializer() {
    }

    public AvroDeserializer(SchemaRegistry registry, Class<T> type) {
        this.registry = registry;
        setType(type);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (registry == null) {
            registry = SerdeConfig.registry(configs);
        }
        if (type == null) {
            Object name = configs.get(VALUE_CLASS);
            if (name == null) {
                throw new IllegalArgumentException("AvroDeserializer needs " + VALUE_CLASS);
            }
            try {
                setType((Class<T>) Class.forName(name.toString()));
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException(VALUE_CLASS + " names no class: " + name, e);
            }
        }
    }

    private void setType(Class<T> type) {
        this.type = type;
        this.readerSchema = SpecificData.get().getSchema(type);
    }

    public Class<T> type() {
        return type;
    }

    @Override
    public T deserialize(String topic, byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new WireFormatException(Reason.EMPTY, topic, -1, "no bytes where a " + type.getSimpleName()
                    + " was expected", null);
        }
        if (bytes[0] != WireFormat.MAGIC_BYTE) {
            throw new WireFormatException(Reason.NO_MAGIC_BYTE, topic, -1, String.format(
                    "first byte is 0x%02x, not the magic byte 0: not Confluent-framed Avro", bytes[0]), null);
        }
        if (bytes.length < WireFormat.HEADER_SIZE) {
            throw new WireFormatException(Reason.TRUNCATED, topic, -1,
                    bytes.length + " bytes, shorter than the 5-byte header", null);
        }
        int id = WireFormat.schemaId(bytes);
        SpecificDatumReader<T> reader = readersById.computeIfAbsent(id, i -> readerFor(topic, i));
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(
                bytes, WireFormat.HEADER_SIZE, bytes.length - WireFormat.HEADER_SIZE, null);
        T record;
        try {
            record = reader.read(null, decoder);
        } catch (EOFException e) {
            throw new WireFormatException(Reason.TRUNCATED, topic, id, "payload ends before the record does", e);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException
                 | ClassCastException | OutOfMemoryError e) {
            // garbage lengths make Avro allocate or index wildly: all mean a corrupt payload
            throw new WireFormatException(Reason.CORRUPT_PAYLOAD, topic, id, "cannot decode "
                    + type.getSimpleName() + ": " + e, e);
        }
        try {
            if (!decoder.isEnd()) {
                throw new WireFormatException(Reason.CORRUPT_PAYLOAD, topic, id,
                        "trailing bytes after the " + type.getSimpleName() + " record", null);
            }
        } catch (IOException e) {
            throw new WireFormatException(Reason.CORRUPT_PAYLOAD, topic, id, e.toString(), e);
        }
        return record;
    }

    private SpecificDatumReader<T> readerFor(String topic, int id) {
        Schema writer;
        try {
            writer = registry.schemaById(id);
        } catch (SchemaNotFoundException e) {
            throw new WireFormatException(Reason.UNKNOWN_SCHEMA_ID, topic, id,
                    "the registry does not know schema id " + id, e);
        }
        if (!AvroCompatibility.canRead(readerSchema, writer)) {
            throw new WireFormatException(Reason.INCOMPATIBLE_SCHEMA, topic, id, "writer schema "
                    + writer.getFullName() + " cannot be read as " + readerSchema.getFullName() + " by this reader", null);
        }
        return new SpecificDatumReader<>(writer, readerSchema);
    }
}
