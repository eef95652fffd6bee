package io.segmenta.it.schemas;

import io.segmenta.it.support.SchemaRegistryFixture;
import io.segmenta.schemas.SampleRecords;
import io.segmenta.schemas.registry.InMemorySchemaRegistry;
import io.segmenta.schemas.registry.RestSchemaRegistryClient;
import io.segmenta.schemas.registry.SchemaRegistryConfig;
import io.segmenta.schemas.registry.SchemaRegistryHttpServer;
import io.segmenta.schemas.serde.AvroDeserializer;
import io.segmenta.schemas.serde.AvroSerializer;
import io.segmenta.schemas.serde.WireFormat;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.avro.shaded.org.apache.avro.Schema;
import org.apache.flink.avro.shaded.org.apache.avro.generic.GenericDatumWriter;
import org.apache.flink.avro.shaded.org.apache.avro.generic.GenericRecord;
import org.apache.flink.avro.shaded.org.apache.avro.io.BinaryEncoder;
import org.apache.flink.avro.shaded.org.apache.avro.io.EncoderFactory;
import org.apache.flink.formats.avro.registry.confluent.ConfluentRegistryAvroDeserializationSchema;
import org.apache.flink.formats.avro.registry.confluent.ConfluentRegistryAvroSerializationSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bytes written by our serializer are read by Confluent's own client code, and the other way round. The
 * Confluent side is {@code CachedSchemaRegistryClient} and Flink's Confluent Avro format, relocated inside
 * {@code flink-sql-avro-confluent-registry} (with its own relocated Avro): an independent implementation of
 * the registry protocol and the wire format. Run against the real registry and against our in-process one.
 */
class ConfluentWireCompatibilityIT {

    private static SchemaRegistryHttpServer inProcess;

    @BeforeAll
    static void startInProcessRegistry() throws IOException {
        inProcess = SchemaRegistryHttpServer.start(new InMemorySchemaRegistry(), "127.0.0.1", 0);
    }

    @AfterAll
    static void stopInProcessRegistry() {
        inProcess.close();
    }

    static Stream<Arguments> cases() {
        return Stream.of("real", "in-process").flatMap(registry ->
                SampleRecords.oneOfEach().stream().map(record -> Arguments.of(registry, record)));
    }

    private static String url(String registry) {
        return registry.equals("real") ? SchemaRegistryFixture.url().toString() : inProcess.url().toString();
    }

    @ParameterizedTest(name = "{0} registry, {1}")
    @MethodSource("cases")
    <T extends SpecificRecord> void oursIsReadByConfluentsClient(String registry, T record) throws Exception {
        String url = url(registry);
        String topic = "xc-ours-" + UUID.randomUUID();
        var serializer = new AvroSerializer<T>(new RestSchemaRegistryClient(SchemaRegistryConfig.of(url)), false);
        byte[] ours = serializer.serialize(topic, record);

        Schema readerSchema = new Schema.Parser().parse(record.getSchema().toString());
        var confluent = ConfluentRegistryAvroDeserializationSchema.forGeneric(readerSchema, url);
        GenericRecord read = confluent.deserialize(ours);

        // the Avro binary encoding is canonical: same record, same bytes
        assertThat(encode(read)).isEqualTo(Arrays.copyOfRange(ours, WireFormat.HEADER_SIZE, ours.length));
        System.out.printf("[wire cross-check] %s registry: our %s read by Confluent's client (%d bytes)%n",
                registry, record.getSchema().getName(), ours.length);
    }

    @ParameterizedTest(name = "{0} registry, {1}")
    @MethodSource("cases")
    <T extends SpecificRecord> void confluentsIsReadByOurs(String registry, T record) throws Exception {
        String url = url(registry);
        String topic = "xc-theirs-" + UUID.randomUUID();
        Schema schema = new Schema.Parser().parse(record.getSchema().toString());
        // obtain the record as Confluent-side generic data by letting their deserializer read our bytes
        String seedTopic = "xc-seed-" + UUID.randomUUID();
        byte[] seed = new AvroSerializer<T>(new RestSchemaRegistryClient(SchemaRegistryConfig.of(url)), false)
                .serialize(seedTopic, record);
        GenericRecord generic = ConfluentRegistryAvroDeserializationSchema.forGeneric(schema, url).deserialize(seed);

        var confluent = ConfluentRegistryAvroSerializationSchema.forGeneric(topic + "-value", schema, url);
        byte[] theirs = confluent.serialize(generic);
        @SuppressWarnings("unchecked") Class<T> type = (Class<T>) record.getClass();
        T read = new AvroDeserializer<>(new RestSchemaRegistryClient(SchemaRegistryConfig.of(url)), type)
                .deserialize(topic, theirs);

        assertThat(read).isEqualTo(record);
        int registeredId = new RestSchemaRegistryClient(SchemaRegistryConfig.of(url)).latest(topic + "-value").id();
        assertThat(WireFormat.schemaId(theirs)).isEqualTo(registeredId);
        System.out.printf("[wire cross-check] %s registry: Confluent's %s read by ours (schema id %d)%n",
                registry, record.getSchema().getName(), registeredId);
    }

    private static byte[] encode(GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
