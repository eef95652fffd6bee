package io.segmenta.schemas.serde;

/**
 * The Confluent wire format: a magic byte 0, the schema id as a 4-byte big-endian int, then the Avro binary
 * encoding of the record written with that schema.
 */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /** Schema id in the header of {@code bytes}; callers check {@link #hasHeader} first. */
    public static int schemaId(byte[] bytes) {
        return ((bytes[1] & 0xff) << 24) | ((bytes[2] & 0xff) << 16) | ((bytes[3] & 0xff) << 8) | (bytes[4] & 0xff);
    }

    /** Whether {@code bytes} is long enough for a header and starts with the magic byte. */
    public static boolean hasHeader(byte[] bytes) {
        return bytes != null && bytes.length >= HEADER_SIZE && bytes[0] == MAGIC_BYTE;
    }

    /** Writes the 5-byte header into {@code out} at offset 0. */
    public static void writeHeader(byte[] out, int schemaId) {
        out[0] = MAGIC_BYTE;
        out[1] = (byte) (schemaId >>> 24);
        out[2] = (byte) (schemaId >>> 16);
        out[3] = (byte) (schemaId >>> 8);
        out[4] = (byte) schemaId;
    }
}
