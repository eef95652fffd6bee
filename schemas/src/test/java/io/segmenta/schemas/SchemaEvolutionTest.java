package io.segmenta.schemas;

import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.DriftReport;
import io.segmenta.avro.SegmentAssignment;
import io.segmenta.avro.SegmentChange;
import io.segmenta.avro.SegmentModel;
import io.segmenta.schemas.registry.AvroCompatibility;
import io.segmenta.schemas.registry.Compatibility;
import org.apache.avro.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards the wire contracts: every released version of each schema is kept under
 * {@code src/test/resources/schema-history/<Name>/vN.avsc}, and the current schema must stay BACKWARD
 * compatible with all of them (consumers upgraded first can read what old producers still write).
 * Changing a schema therefore fails here until the change is compatible and recorded as a new version.
 */
class SchemaEvolutionTest {

    static Stream<Schema> currentSchemas() {
        return Stream.of(CustomerEvent.getClassSchema(), SegmentModel.getClassSchema(),
                SegmentAssignment.getClassSchema(), SegmentChange.getClassSchema(), DriftReport.getClassSchema());
    }

    @ParameterizedTest
    @MethodSource("currentSchemas")
    void currentSchemaReadsEveryReleasedVersion(Schema current) throws IOException {
        List<Schema> history = history(current.getName());
        assertThat(history).as("released versions of %s", current.getName()).isNotEmpty();

        assertThat(AvroCompatibility.violations(current, history, Compatibility.BACKWARD_TRANSITIVE))
                .as("%s must stay BACKWARD compatible with every released version", current.getName())
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("currentSchemas")
    void currentSchemaIsRecordedAsTheNewestVersion(Schema generated) throws IOException {
        // compare the contract as written (the generated class adds Java-only string hints)
        Schema current = new Schema.Parser().parse(Path.of("src/main/avro", generated.getName() + ".avsc").toFile());
        List<Schema> history = history(current.getName());
        Schema newest = history.get(history.size() - 1);

        assertThat(current)
                .as("%s changed: if the change is intended and compatible, add it as schema-history/%s/v%d.avsc",
                        current.getName(), current.getName(), history.size() + 1)
                .isEqualTo(newest);
    }

    @Test
    void theCheckCatchesABreakingChange() throws IOException {
        Schema v1 = history("CustomerEvent").get(0);
        // a new required field without a default cannot be filled when reading old data
        String broken = v1.toString().replace("\"fields\":[",
                "\"fields\":[{\"name\":\"storeId\",\"type\":\"string\"},");

        assertThat(AvroCompatibility.violations(new Schema.Parser().parse(broken), List.of(v1), Compatibility.BACKWARD))
                .singleElement().asString().contains("storeId");
    }

    @Test
    void anAddedOptionalFieldIsCompatibleBothWays() throws IOException {
        Schema v1 = history("CustomerEvent").get(0);
        String newer = v1.toString().replace("\"fields\":[",
                "\"fields\":[{\"name\":\"storeId\",\"type\":[\"null\",\"string\"],\"default\":null},");

        assertThat(AvroCompatibility.violations(new Schema.Parser().parse(newer), List.of(v1), Compatibility.FULL))
                .isEmpty();
    }

    static List<Schema> history(String name) throws IOException {
        List<Schema> versions = new ArrayList<>();
        for (int v = 1; ; v++) {
            try (InputStream in = SchemaEvolutionTest.class.getResourceAsStream("/schema-history/" + name + "/v" + v + ".avsc")) {
                if (in == null) {
                    return versions;
                }
                versions.add(new Schema.Parser().parse(in));
            }
        }
    }
}
