package io.segmenta.schemas.registry;

/** Compatibility levels of the Confluent API. */
public enum Compatibility {
    NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE;

    /** Whether new schemas are checked against every earlier version, not only the latest. */
    public boolean transitive() {
        return name().endsWith("_TRANSITIVE");
    }

    /** Whether a new schema must be able to read data written with the old one. */
    public boolean checksBackward() {
        return this != NONE && this != FORWARD && this != FORWARD_TRANSITIVE;
    }

    /** Whether the old schema must be able to read data written with the new one. */
    public boolean checksForward() {
        return this != NONE && this != BACKWARD && this != BACKWARD_TRANSITIVE;
    }
}
