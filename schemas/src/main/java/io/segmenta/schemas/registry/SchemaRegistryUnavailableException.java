package io.segmenta.schemas.registry;

/**
 * The registry did not answer usefully (connection refused, time-out, 5xx) after all retries. Transient:
 * callers must retry or fail over, never treat the record being processed as bad.
 */
public class SchemaRegistryUnavailableException extends SchemaRegistryException {
    public SchemaRegistryUnavailableException(String message, int httpStatus, Throwable cause) {
        super(message, httpStatus, 0, cause);
    }
}
