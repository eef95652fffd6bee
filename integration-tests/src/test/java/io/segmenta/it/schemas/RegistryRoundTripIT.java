package io.segmenta.it.schemas;

import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.SegmentModel;
import io.segmenta.it.support.SchemaRegistryFixture;
import io.segmenta.schemas.SampleRecords;
import io.segmenta.schemas.registry.IncompatibleSchemaException;
import io.segmenta.schemas.registry.RestSchemaRegistryClient;
import io.segmenta.schemas.registry.SchemaRegistry;
import io.segmenta.schemas.registry.SchemaRegistryConfig;
import io.segmenta.schemas.serde.AvroDeserializer;
import io.segmenta.schemas.serde.AvroSerializer;
import io.segmenta.schemas.serde.WireFormat;
import io.segmenta.schemas.serde.WireFormatException;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Our serdes and REST client against a real registry server over HTTP. */
class RegistryRoundTripIT {

    private static String url;

    @BeforeAll
    static void registry() {
        url = SchemaRegistryFixture.url().toString();
        System.out.println("[registry round trip] registry: " + SchemaRegistryFixture.kind() + " at " + url);
    }

    static List<SpecificRecord> records() {
        return SampleRecords.oneOfEach();
    }

    @ParameterizedTest
    @MethodSource("records")
    <T extends SpecificRecord> void everyContractRoundTripsThroughTheRegistry(T record) {
        String topic = "rt-" + record.getSchema().getName() + "-" + UUID.randomUUID();
        Map<String, Object> config = Map.of("schema.registry.url", url,
                AvroDeserializer.VALUE_CLASS, record.getClass().getName());
        try (var serializer = new AvroSerializer<T>(); var deserializer = new AvroDeserializer<T>()) {
            serializer.configure(config, false);
            deserializer.configure(config, false);

            byte[] bytes = serializer.serialize(topic, record);
            T back = deserializer.deserialize(topic, bytes);

            assertThat(back).isEqualTo(record);
            var registered = client().latest(topic + "-value");
            assertThat(registered.schema()).isEqualTo(record.getSchema());
            assertThat(WireFormat.schemaId(bytes)).isEqualTo(registered.id());
            System.out.printf("[registry round trip] %s: %d bytes, schema id %d%n",
                    record.getSchema().getName(), bytes.length, registered.id());
        }
    }

    @Test
    void anEvolvedSchemaIsAcceptedAndABreakingOneRefused() {
        SchemaRegistry client = client();
        String subject = "evolution-" + UUID.randomUUID() + "-value";
        Schema v1 = CustomerEvent.getClassSchema();
        Schema v2 = new Schema.Parser().parse(v1.toString().replace("\"fields\":[",
                "\"fields\":[{\"name\":\"storeId\",\"type\":[\"null\",\"string\"],\"default\":null},"));
        Schema breaking = SegmentModel.getClassSchema();

        int id1 = client.register(subject, v1);
        int id2 = client.register(subject, v2);

        assertThat(id2).isNotEqualTo(id1);
        assertThat(client.register(subject, v1)).as("re-registering is idempotent").isEqualTo(id1);
        assertThat(client.isCompatible(subject, breaking)).isFalse();
        assertThatThrownBy(() -> client.register(subject, breaking)).isInstanceOf(IncompatibleSchemaException.class);
        assertThat(client.latest(subject).version()).isEqualTo(2);
    }

    @Test
    void anUnknownSchemaIdIsATypedError() {
        var deserializer = new AvroDeserializer<>(client(), CustomerEvent.class);
        byte[] bytes = new byte[]{0, 0x7f, 0x00, 0x00, 0x01, 2, 2};

        assertThatThrownBy(() -> deserializer.deserialize("customer-events", bytes))
                .isInstanceOfSatisfying(WireFormatException.class,
                        e -> assertThat(e.reason()).isEqualTo(WireFormatException.Reason.UNKNOWN_SCHEMA_ID));
    }

    private static RestSchemaRegistryClient client() {
        return new RestSchemaRegistryClient(SchemaRegistryConfig.of(url));
    }
}
