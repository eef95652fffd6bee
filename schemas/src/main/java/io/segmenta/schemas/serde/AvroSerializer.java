package io.segmenta.schemas.serde;

import io.segmenta.schemas.registry.RegisteredSchema;
import io.segmenta.schemas.registry.SchemaRegistry;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kafka serializer of Avro specific records in the Confluent wire format. The writer schema is registered
 * under the topic's subject (TopicNameStrategy) on first use per topic (or, with
 * {@code auto.register.schemas=false}, must already be the subject's latest version), and its id cached.
 *
 * <p>Configured either with a {@link SchemaRegistry} instance (embedded use) or, through Kafka's
 * {@link #configure}, with {@code schema.registry.url} and the other Confluent client properties.
 */
public final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    public static final String AUTO_REGISTER = "auto.register.schemas";

    private SchemaRegistry registry;
    private boolean isKey;
    private boolean autoRegister = true;
    private final Map<String, Integer> idsByTopic = new ConcurrentHashMap<>();
    private final Map<Schema, SpecificDatumWriter<T>> writers = new ConcurrentHashMap<>();

    /** For Kafka's reflective construction; {@link #configure} must follow. */
    public AvroSerializer() {
    }

    public AvroSerializer(SchemaRegistry registry, boolean isKey) {
        this.registry = registry;
        this.isKey = isKey;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        Object auto = configs.get(AUTO_REGISTER);
        this.autoRegister = auto == null || Boolean.parseBoolean(auto.toString());
        if (registry == null) {
            registry = SerdeConfig.registry(configs);
        }
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        if (registry == null) {
            throw new IllegalStateException("AvroSerializer has no schema registry: configure() it with "
                    + "schema.registry.url or construct it with a SchemaRegistry");
        }
        Schema schema = record.getSchema();
        int id = idsByTopic.computeIfAbsent(topic, t -> schemaId(t, schema));
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(128);
            out.write(new byte[WireFormat.HEADER_SIZE]);
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writers.computeIfAbsent(schema, SpecificDatumWriter::new).write(record, encoder);
            encoder.flush();
            byte[] bytes = out.toByteArray();
            WireFormat.writeHeader(bytes, id);
            return bytes;
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot serialize " + schema.getFullName() + " for topic " + topic
                    + ": " + e.getMessage(), e);
        }
    }

    private int schemaId(String topic, Schema schema) {
        String subject = SchemaRegistry.subjectFor(topic, isKey);
        if (autoRegister) {
            return registry.register(subject, schema);
        }
        RegisteredSchema latest = registry.latest(subject);
        if (!latest.schema().equals(schema)) {
            throw new SerializationException("auto.register.schemas is false and the latest schema of subject "
                    + subject + " (id " + latest.id() + ") is not " + schema.getFullName() + " as this producer has it");
        }
        return latest.id();
    }
}
