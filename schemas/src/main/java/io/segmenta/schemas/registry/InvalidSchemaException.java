package io.segmenta.schemas.registry;

/** The schema or the request is malformed (HTTP 422 or another 4xx). */
public class InvalidSchemaException extends SchemaRegistryException {
    public InvalidSchemaException(String message, int httpStatus, int errorCode) {
        super(message, httpStatus, errorCode);
    }
}
