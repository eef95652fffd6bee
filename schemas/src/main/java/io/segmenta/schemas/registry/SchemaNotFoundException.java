package io.segmenta.schemas.registry;

/** The subject, version or schema id does not exist (HTTP 404: Confluent codes 40401, 40402, 40403). */
public class SchemaNotFoundException extends SchemaRegistryException {
    public SchemaNotFoundException(String message, int errorCode) {
        super(message, 404, errorCode);
    }
}
