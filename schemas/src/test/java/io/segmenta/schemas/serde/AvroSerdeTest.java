package io.segmenta.schemas.serde;

import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.SegmentModel;
import io.segmenta.schemas.SampleRecords;
import io.segmenta.schemas.registry.InMemorySchemaRegistry;
import io.segmenta.schemas.registry.RegisteredSchema;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AvroSerdeTest {

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    static List<SpecificRecord> records() {
        return SampleRecords.oneOfEach();
    }

    @ParameterizedTest
    @MethodSource("records")
    <T extends SpecificRecord> void everyContractRoundTrips(T record) {
        @SuppressWarnings("unchecked") Class<T> type = (Class<T>) record.getClass();
        var serde = AvroSerdes.value(type, registry);

        byte[] bytes = serde.serializer().serialize("topic-a", record);
        T back = serde.deserializer().deserialize("topic-a", bytes);

        assertThat(back).isEqualTo(record);
    }

    @Test
    void bytesFollowTheConfluentWireFormat() {
        var serializer = new AvroSerializer<CustomerEvent>(registry, false);

        byte[] bytes = serializer.serialize("customer-events", SampleRecords.purchase("c-9", 5.0));

        RegisteredSchema registered = registry.latest("customer-events-value");
        assertThat(bytes[0]).isEqualTo((byte) 0);
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(registered.id());
        assertThat(registered.schema()).isEqualTo(CustomerEvent.getClassSchema());
    }

    @Test
    void keysAreRegisteredUnderTheKeySubject() {
        new AvroSerializer<CustomerEvent>(registry, true).serialize("t", SampleRecords.purchase("c", 1));

        assertThat(registry.subjects()).containsExactly("t-key");
    }

    @Test
    void nullIsPassedThroughAsATombstone() {
        assertThat(new AvroSerializer<CustomerEvent>(registry, false).serialize("t", null)).isNull();
    }

    @Test
    void aNewerWriterSchemaWithAnAddedFieldIsReadByTheOlderReader() throws IOException {
        Schema newer = new Schema.Parser().parse(CustomerEvent.getClassSchema().toString().replace("\"fields\":[",
                "\"fields\":[{\"name\":\"storeId\",\"type\":[\"null\",\"string\"],\"default\":null},"));
        GenericRecord record = new GenericData.Record(newer);
        CustomerEvent original = SampleRecords.purchase("c-2", 7.5);
        for (Schema.Field f : CustomerEvent.getClassSchema().getFields()) {
            record.put(f.name(), original.get(f.name()));
        }
        record.put("eventTime", original.getEventTime().toEpochMilli());
        record.put("type", new GenericData.EnumSymbol(newer.getField("type").schema(), "PURCHASE"));
        record.put("storeId", "s-17");
        int id = registry.register("customer-events-value", newer);

        CustomerEvent read = new AvroDeserializer<>(registry, CustomerEvent.class)
                .deserialize("customer-events", frame(id, newer, record));

        assertThat(read).isEqualTo(original);
    }

    @Test
    void anUnknownEventTypeFromANewerSchemaBecomesUnknown() throws IOException {
        Schema newer = new Schema.Parser().parse(CustomerEvent.getClassSchema().toString()
                .replace("\"PROFILE_UPDATE\"]", "\"PROFILE_UPDATE\",\"WISHLIST_ADD\"]"));
        GenericRecord record = new GenericData.Record(newer);
        CustomerEvent original = SampleRecords.purchase("c-3", 1.0);
        for (Schema.Field f : newer.getFields()) {
            record.put(f.name(), original.get(f.name()));
        }
        record.put("eventTime", original.getEventTime().toEpochMilli());
        record.put("type", new GenericData.EnumSymbol(newer.getField("type").schema(), "WISHLIST_ADD"));
        int id = registry.register("e-value", newer);

        CustomerEvent read = new AvroDeserializer<>(registry, CustomerEvent.class).deserialize("e", frame(id, newer, record));

        assertThat(read.getType().name()).isEqualTo("UNKNOWN");
        assertThat(read.getCustomerId()).isEqualTo("c-3");
    }

    // --- bad input: each gives a typed error with a reason ---

    @Test
    void emptyBytesAreRefused() {
        assertReason(new byte[0], WireFormatException.Reason.EMPTY);
    }

    @Test
    void bytesWithoutTheMagicByteAreRefused() {
        assertReason("{\"customerId\":\"c-1\"}".getBytes(), WireFormatException.Reason.NO_MAGIC_BYTE);
    }

    @Test
    void aHeaderCutShortIsRefused() {
        assertReason(new byte[]{0, 0, 0}, WireFormatException.Reason.TRUNCATED);
    }

    @Test
    void anUnknownSchemaIdIsRefusedNamingTheId() {
        byte[] bytes = {0, 0, 0, 0x30, 0x39, 2, 4, 6};

        assertThatThrownBy(() -> deserializer().deserialize("customer-events", bytes))
                .isInstanceOfSatisfying(WireFormatException.class, e -> {
                    assertThat(e.reason()).isEqualTo(WireFormatException.Reason.UNKNOWN_SCHEMA_ID);
                    assertThat(e.schemaId()).isEqualTo(12345);
                    assertThat(e.getMessage()).contains("12345").contains("customer-events");
                });
    }

    @Test
    void aTruncatedPayloadIsRefused() {
        byte[] good = new AvroSerializer<CustomerEvent>(registry, false)
                .serialize("customer-events", SampleRecords.purchase("c-1", 3.0));

        assertReason(Arrays.copyOf(good, good.length - 10), WireFormatException.Reason.TRUNCATED);
    }

    @Test
    void trailingBytesAreRefused() {
        byte[] good = new AvroSerializer<CustomerEvent>(registry, false)
                .serialize("customer-events", SampleRecords.purchase("c-1", 3.0));

        assertReason(Arrays.copyOf(good, good.length + 3), WireFormatException.Reason.CORRUPT_PAYLOAD);
    }

    @Test
    void garbageAfterAValidHeaderIsRefused() {
        int id = registry.register("customer-events-value", CustomerEvent.getClassSchema());
        byte[] garbage = new byte[40];
        Arrays.fill(garbage, (byte) 0xff);
        WireFormat.writeHeader(garbage, id);

        WireFormatException e = catchWireError(garbage);
        assertThat(e.reason()).isIn(WireFormatException.Reason.CORRUPT_PAYLOAD, WireFormatException.Reason.TRUNCATED);
    }

    @Test
    void aWriterSchemaThatDoesNotResolveToTheReaderIsRefused() {
        byte[] model = new AvroSerializer<SegmentModel>(registry, false).serialize("customer-events", SampleRecords.model());

        assertReason(model, WireFormatException.Reason.INCOMPATIBLE_SCHEMA);
    }

    @Test
    void theLocationOfTheRecordIsAddedToTheMessage() {
        WireFormatException e = catchWireError(new byte[]{1, 2}).at(3, 4711L);

        assertThat(e.getMessage()).contains("partition 3").contains("offset 4711").contains("customer-events");
        assertThat(e.reason()).isEqualTo(WireFormatException.Reason.NO_MAGIC_BYTE);
    }

    private AvroDeserializer<CustomerEvent> deserializer() {
        return new AvroDeserializer<>(registry, CustomerEvent.class);
    }

    private void assertReason(byte[] bytes, WireFormatException.Reason reason) {
        assertThat(catchWireError(bytes).reason()).isEqualTo(reason);
    }

    private WireFormatException catchWireError(byte[] bytes) {
        try {
            deserializer().deserialize("customer-events", bytes);
        } catch (WireFormatException e) {
            return e;
        }
        throw new AssertionError("expected a WireFormatException");
    }

    private static byte[] frame(int id, Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[WireFormat.HEADER_SIZE]);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        byte[] bytes = out.toByteArray();
        WireFormat.writeHeader(bytes, id);
        return bytes;
    }
}
