package io.segmenta.assigner.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A growable big-endian byte array for the state codecs: fixed-width numbers, zig-zag varints (7 bits per byte, least
 * significant group first, as in Avro and Protocol Buffers) and raw bytes. On a plain array with an int cursor,
 * because the per-event codecs spent twice as long writing through {@code ByteBuffer}'s checked cursor. Written here
 * because the core may not depend on Kafka (whose {@code ByteUtils} has varints) and Avro's encoders write to
 * streams. Not thread-safe; reusable with {@link #reset}.
 */
public final class ByteWriter {

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[] bytes;
    private int position;

    public ByteWriter(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    public ByteWriter reset() {
        position = 0;
        return this;
    }

    public int position() {
        return position;
    }

    /** A copy of the bytes written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, position);
    }

    public ByteWriter put(byte b) {
        ensure(1);
        bytes[position++] = b;
        return this;
    }

    public ByteWriter put(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, position, b.length);
        position += b.length;
        return this;
    }

    public ByteWriter putInt(int v) {
        ensure(4);
        INT.set(bytes, position, v);
        position += 4;
        return this;
    }

    public ByteWriter putLong(long v) {
        ensure(8);
        LONG.set(bytes, position, v);
        position += 8;
        return this;
    }

    public ByteWriter putDouble(double v) {
        return putLong(Double.doubleToRawLongBits(v));
    }

    /** A signed number, zig-zag mapped so that small magnitudes of either sign take few bytes (1 to 10). */
    public ByteWriter putVarLong(long value) {
        ensure(ByteReader.MAX_VAR_LONG_BYTES);
        long v = (value << 1) ^ (value >> 63);
        byte[] b = bytes;
        int at = position;
        while ((v & ~0x7FL) != 0) {
            b[at++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b[at++] = (byte) v;
        position = at;
        return this;
    }

    /** Bytes {@link #putVarLong} writes for {@code value}. */
    public static int varLongSize(long value) {
        long v = (value << 1) ^ (value >> 63);
        return Math.max(1, (64 - Long.numberOfLeadingZeros(v) + 6) / 7);
    }

    private void ensure(int more) {
        if (bytes.length - position < more) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, position + more));
        }
    }
}
