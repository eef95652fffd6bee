package io.segmenta.assigner.codec;

import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
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
        return sizeOfZigZag(zigZag(value));
    }

    /**
     * @throws java.nio.BufferOverflowException when the number does not fit in the remaining bytes (nothing written)
     */
    public static void putLong(ByteBuffer out, long value) {
        if (!out.hasArray()) {
            putLongSlowly(out, value);
            return;
        }
        // on the backing array, with the position written once: ByteBuffer.put per byte cost 3x as much
        long v = zigZag(value);
        int size = sizeOfZigZag(v);
        int position = out.position();
        if (out.limit() - position < size) {
            throw new BufferOverflowException();
        }
        byte[] array = out.array();
        int at = out.arrayOffset() + position;
        for (int i = 0; i < size - 1; i++) {
            array[at++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        array[at] = (byte) v;
        out.position(position + size);
    }

    private static void putLongSlowly(ByteBuffer out, long value) {
        long v = zigZag(value);
        while ((v & ~0x7FL) != 0) {
            out.put((byte) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.put((byte) v);
    }

    /**
     * @throws IllegalArgumentException when more than {@value #MAX_LONG_BYTES} bytes carry the continuation bit
     * @throws BufferUnderflowException when the bytes end inside the number
     */
    public static long getLong(ByteBuffer in) {
        if (!in.hasArray()) {
            return getLongSlowly(in);
        }
        byte[] array = in.array();
        int offset = in.arrayOffset();
        int position = in.position();
        int limit = in.limit();
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= limit) {
                throw new BufferUnderflowException();
            }
            byte b = array[offset + position++];
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                in.position(position);
                return unZigZag(v);
            }
        }
        throw malformed();
    }

    private static long getLongSlowly(ByteBuffer in) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return unZigZag(v);
            }
        }
        throw malformed();
    }

    private static IllegalArgumentException malformed() {
        return new IllegalArgumentException("malformed variable-length number: more than " + MAX_LONG_BYTES + " bytes");
    }

    private static int sizeOfZigZag(long v) {
        // 1 byte per started group of 7 significant bits, at least one
        return Math.max(1, (64 - Long.numberOfLeadingZeros(v) + 6) / 7);
    }

    private static long unZigZag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    private static long zigZag(long value) {
        return (value << 1) ^ (value >> 63);
    }
}
