package io.segmenta.schemas.registry;

import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.SegmentChange;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemorySchemaRegistryTest {

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final Schema event = CustomerEvent.getClassSchema();

    @Test
    void registrationIsIdempotentAndIdsAreSharedAcrossSubjects() {
        int first = registry.register("a-value", event);
        int again = registry.register("a-value", event);
        int otherSubject = registry.register("b-value", event);
        int otherSchema = registry.register("c-value", SegmentChange.getClassSchema());

        assertThat(again).isEqualTo(first);
        assertThat(otherSubject).isEqualTo(first);
        assertThat(otherSchema).isNotEqualTo(first);
        assertThat(registry.versions("a-value")).hasSize(1);
        assertThat(registry.schemaById(first)).isEqualTo(event);
    }

    @Test
    void latestReturnsTheNewestVersion() {
        registry.register("a-value", event);
        Schema evolved = withOptionalField(event, "storeId");
        int id = registry.register("a-value", evolved);

        RegisteredSchema latest = registry.latest("a-value");

        assertThat(latest.version()).isEqualTo(2);
        assertThat(latest.id()).isEqualTo(id);
        assertThat(latest.schema()).isEqualTo(evolved);
    }

    @Test
    void backwardIsTheDefaultAndRefusesABreakingChange() {
        registry.register("a-value", event);
        Schema breaking = new Schema.Parser().parse(event.toString()
                .replace("\"fields\":[", "\"fields\":[{\"name\":\"storeId\",\"type\":\"string\"},"));

        assertThat(registry.compatibility(null)).isEqualTo(Compatibility.BACKWARD);
        assertThat(registry.isCompatible("a-value", breaking)).isFalse();
        assertThatThrownBy(() -> registry.register("a-value", breaking))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("a-value").hasMessageContaining("storeId");
    }

    @Test
    void noneAllowsAnyChange() {
        registry.register("a-value", event);
        registry.setCompatibility("a-value", Compatibility.NONE);

        assertThat(registry.register("a-value", SegmentChange.getClassSchema())).isPositive();
        assertThat(registry.compatibility("a-value")).isEqualTo(Compatibility.NONE);
        assertThat(registry.compatibility("other")).isEqualTo(Compatibility.BACKWARD);
    }

    @Test
    void unknownIdsAndSubjectsGiveNotFound() {
        assertThatThrownBy(() -> registry.schemaById(99)).isInstanceOf(SchemaNotFoundException.class)
                .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(40403));
        assertThatThrownBy(() -> registry.latest("nope")).isInstanceOf(SchemaNotFoundException.class)
                .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(40401));
    }

    static Schema withOptionalField(Schema schema, String field) {
        return new Schema.Parser().parse(schema.toString().replace("\"fields\":[",
                "\"fields\":[{\"name\":\"" + field + "\",\"type\":[\"null\",\"string\"],\"default\":null},"));
    }
}
