package io.segmenta.assigner.profile;

/**
 * Bytes that {@link ProfileCodec} cannot read: an unknown format version (written by a newer build, or not a
 * profile at all) or corrupt data. A state-store deserializer should surface it rather than start from an
 * empty profile silently.
 */
public class ProfileFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ProfileFormatException(String message) {
        super(message);
    }

    public ProfileFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
