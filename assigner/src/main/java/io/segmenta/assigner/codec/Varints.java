package io.segmenta.assigner.codec;

import java.nio.ByteBuffer;

/**
 * Variable-length integers for the compact state formats: 7 bits per byte, least significant group first, high bit
 * set on every byte but the last (LEB128, as in Avro and Protocol Buffers), signed values zig-zag mapped so that
 * small negative numbers stay short. Written here because the core must not depend on Kafka ({@code ByteUtils}) and
 * Avro's encoders work on streams, not on the {@link ByteBuffer}s the codecs fill. Stateless.
 */
public final class Varints {

    /** Longest encoding of a long: ceil(64 / 7). */
    static final int MAX_LONG_BYTES = 10;

    private Varints() {
    }

    /** Bytes {@link #putLong} writes for {@code value}. */
    public static int sizeOfLong(long value) {
        long v = zigZag(value);
        int bytes = 1;
        while ((v & ~0x7FL) != 0) {
            v >>>= 7;
            bytes++;
        }
        return bytes;
    }

    public static void putLong(ByteBuffer out, long value) {
        long v = zigZag(value);
        while ((v & ~0x7FL) != 0) {
            out.put((byte) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.put((byte) v);
    }

    /**
     * @throws IllegalArgumentException when more than {@value #MAX_LONG_BYTES} bytes carry the continuation bit
     * @throws java.nio.BufferUnderflowException when the bytes end inside the number
     */
    public static long getLong(ByteBuffer in) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return (v >>> 1) ^ -(v & 1);
            }
        }
        throw new IllegalArgumentException("malformed variable-length number: more than " + MAX_LONG_BYTES + " bytes");
    }

    private static long zigZag(long value) {
        return (value << 1) ^ (value >> 63);
    }
}
