package io.segmenta.schemas.config;

/**
 * A configuration that cannot be used: an unknown {@code segmenta.*} key, a value its declaration refuses, or a
 * deprecated key set together with its replacement. The message names the key; commands turn it into exit code 2.
 * An {@link IllegalArgumentException}, so code that already treats those as usage errors keeps doing so.
 */
public class InvalidSettingException extends IllegalArgumentException {

    public InvalidSettingException(String message) {
        super(message);
    }

    public InvalidSettingException(String message, Throwable cause) {
        super(message, cause);
    }
}
