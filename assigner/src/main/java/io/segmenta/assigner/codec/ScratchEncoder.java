package io.segmenta.assigner.codec;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * Encodes a value in one pass into a per-thread scratch buffer and returns a copy of exactly the bytes written, so
 * that a compact codec need not compute its variable-length size before writing (which cost as much as writing). A
 * value that does not fit doubles the thread's buffer and is written again.
 */
public final class ScratchEncoder {

    static final int INITIAL_BYTES = 4096;

    private static final ThreadLocal<ByteBuffer> SCRATCH = ThreadLocal.withInitial(() -> ByteBuffer.allocate(INITIAL_BYTES));

    private ScratchEncoder() {
    }

    public static <T> byte[] encode(T value, BiConsumer<T, ByteBuffer> writer) {
        ByteBuffer out = SCRATCH.get();
        while (true) {
            out.clear();
            try {
                writer.accept(value, out);
                return Arrays.copyOf(out.array(), out.position());
            } catch (BufferOverflowException e) {
                out = ByteBuffer.allocate(Math.multiplyExact(out.capacity(), 2));
                SCRATCH.set(out);
            }
        }
    }
}
