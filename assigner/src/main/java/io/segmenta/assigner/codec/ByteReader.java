package io.segmenta.assigner.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.BufferUnderflowException;
import java.nio.ByteOrder;

/**
 * Reads what a {@link ByteWriter} wrote from a slice of a byte array, with an int cursor. Reading past the slice
 * throws {@link BufferUnderflowException}, as a {@code ByteBuffer} would; a varint of more than 10 bytes throws
 * {@link IllegalArgumentException}. Not thread-safe.
 */
public final class ByteReader {

    /** Longest zig-zag varint of a long: ceil(64 / 7). */
    static final int MAX_VAR_LONG_BYTES = 10;

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final byte[] bytes;
    private final int limit;
    private int position;

    public ByteReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    /** Reads {@code bytes[offset, offset + length)}. */
    public ByteReader(byte[] bytes, int offset, int length) {
        if (offset < 0 || length < 0 || offset > bytes.length - length) {
            throw new IndexOutOfBoundsException("slice [" + offset + ", +" + length + ") of " + bytes.length + " bytes");
        }
        this.bytes = bytes;
        this.position = offset;
        this.limit = offset + length;
    }

    public int remaining() {
        return limit - position;
    }

    public boolean hasRemaining() {
        return position < limit;
    }

    public byte get() {
        require(1);
        return bytes[position++];
    }

    public int getInt() {
        require(4);
        int v = (int) INT.get(bytes, position);
        position += 4;
        return v;
    }

    public short getShort() {
        require(2);
        short v = (short) (((bytes[position] & 0xFF) << 8) | (bytes[position + 1] & 0xFF));
        position += 2;
        return v;
    }

    public long getLong() {
        require(8);
        long v = (long) LONG.get(bytes, position);
        position += 8;
        return v;
    }

    public double getDouble() {
        return Double.longBitsToDouble(getLong());
    }

    public long getVarLong() {
        byte[] b = bytes;
        int at = position;
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at >= limit) {
                throw new BufferUnderflowException();
            }
            byte next = b[at++];
            v |= (long) (next & 0x7F) << shift;
            if (next >= 0) {
                position = at;
                return (v >>> 1) ^ -(v & 1);
            }
        }
        throw new IllegalArgumentException("malformed variable-length number: more than " + MAX_VAR_LONG_BYTES
                + " bytes");
    }

    /** {@code length} bytes of UTF-8, through {@link SmallStrings} (repeated values are not built again). */
    public String getSmallString(long length) {
        if (length < 0 || length > remaining()) {
            throw new IllegalArgumentException("string of " + length + " bytes where " + remaining() + " remain");
        }
        String s = SmallStrings.decode(bytes, position, (int) length);
        position += (int) length;
        return s;
    }

    private void require(int n) {
        if (limit - position < n) {
            throw new BufferUnderflowException();
        }
    }
}
