package io.segmenta.schemas.registry;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

import java.util.ArrayList;
import java.util.List;

/** Avro compatibility rules as the Confluent registry applies them, on top of Avro's own resolution check. */
public final class AvroCompatibility {

    private AvroCompatibility() {
    }

    /** True when a reader with {@code reader} can decode data written with {@code writer}. */
    public static boolean canRead(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType()
                == SchemaCompatibilityType.COMPATIBLE;
    }

    /**
     * Reasons why {@code candidate} may not follow {@code history} (oldest first) under {@code level}; empty
     * when it may.
     */
    public static List<String> violations(Schema candidate, List<Schema> history, Compatibility level) {
        List<String> problems = new ArrayList<>();
        if (level == Compatibility.NONE || history.isEmpty()) {
            return problems;
        }
        List<Schema> against = level.transitive() ? history : List.of(history.get(history.size() - 1));
        for (Schema old : against) {
            if (level.checksBackward()) {
                var result = SchemaCompatibility.checkReaderWriterCompatibility(candidate, old);
                if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
                    problems.add("new schema cannot read data written with an earlier version: "
                            + result.getResult().getIncompatibilities());
                }
            }
            if (level.checksForward()) {
                var result = SchemaCompatibility.checkReaderWriterCompatibility(old, candidate);
                if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
                    problems.add("an earlier version cannot read data written with the new schema: "
                            + result.getResult().getIncompatibilities());
                }
            }
        }
        return problems;
    }
}
