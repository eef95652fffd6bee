package io.segmenta.schemas.registry;

import org.apache.avro.Schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A schema registry held in this process, with the Confluent semantics the serdes rely on: global ids shared
 * by identical schemas across subjects, idempotent registration, per-subject versions and compatibility
 * levels (default BACKWARD, as Confluent's server). Used by the embedded demo (served over HTTP by
 * {@link SchemaRegistryHttpServer}) and by unit tests. Thread-safe.
 */
public final class InMemorySchemaRegistry implements SchemaRegistry {

    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, Integer> idsByCanonicalForm = new HashMap<>();
    private final Map<String, List<RegisteredSchema>> versionsBySubject = new HashMap<>();
    private final Map<String, Compatibility> levelsBySubject = new HashMap<>();
    private Compatibility globalLevel = Compatibility.BACKWARD;
    private int nextId = 1;

    @Override
    public synchronized int register(String subject, Schema schema) {
        List<RegisteredSchema> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        String canonical = canonical(schema);
        for (RegisteredSchema existing : versions) {
            if (canonical(existing.schema()).equals(canonical)) {
                return existing.id();
            }
        }
        List<String> problems = AvroCompatibility.violations(schema, schemas(versions), compatibility(subject));
        if (!problems.isEmpty()) {
            throw new IncompatibleSchemaException("Schema being registered is incompatible with an earlier schema for subject "
                    + subject + " (" + compatibility(subject) + "): " + String.join("; ", problems), 409);
        }
        int id = idsByCanonicalForm.computeIfAbsent(canonical, c -> {
            schemasById.put(nextId, schema);
            return nextId++;
        });
        versions.add(new RegisteredSchema(subject, versions.size() + 1, id, schemasById.get(id)));
        return id;
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaNotFoundException("Schema " + id + " not found", 40403);
        }
        return schema;
    }

    @Override
    public synchronized RegisteredSchema latest(String subject) {
        List<RegisteredSchema> versions = versionsBySubject.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw new SchemaNotFoundException("Subject '" + subject + "' not found.", 40401);
        }
        return versions.get(versions.size() - 1);
    }

    /** Every version of the subject, oldest first. */
    public synchronized List<RegisteredSchema> versions(String subject) {
        List<RegisteredSchema> versions = versionsBySubject.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw new SchemaNotFoundException("Subject '" + subject + "' not found.", 40401);
        }
        return List.copyOf(versions);
    }

    /** Subjects with at least one version, sorted. */
    public synchronized List<String> subjects() {
        return List.copyOf(new TreeSet<>(versionsBySubject.entrySet().stream()
                .filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList()));
    }

    @Override
    public synchronized boolean isCompatible(String subject, Schema schema) {
        List<RegisteredSchema> versions = versionsBySubject.getOrDefault(subject, List.of());
        return AvroCompatibility.violations(schema, schemas(versions), compatibility(subject)).isEmpty();
    }

    @Override
    public synchronized Compatibility compatibility(String subject) {
        return subject == null ? globalLevel : levelsBySubject.getOrDefault(subject, globalLevel);
    }

    @Override
    public synchronized void setCompatibility(String subject, Compatibility level) {
        if (subject == null) {
            globalLevel = level;
        } else {
            levelsBySubject.put(subject, level);
        }
    }

    private static List<Schema> schemas(List<RegisteredSchema> versions) {
        return versions.stream().map(RegisteredSchema::schema).toList();
    }

    // Parsing Canonical Form ignores docs and defaults; like Confluent we keep the full text as identity.
    private static String canonical(Schema schema) {
        return schema.toString();
    }
}
