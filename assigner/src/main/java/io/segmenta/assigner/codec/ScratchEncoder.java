package io.segmenta.assigner.codec;

import java.util.function.BiConsumer;

/**
 * Encodes a value in one pass into a per-thread {@link ByteWriter} and returns a copy of exactly the bytes written,
 * so that a compact codec need not compute its variable-length size before writing (which cost as much as writing).
 */
public final class ScratchEncoder {

    static final int INITIAL_BYTES = 4096;

    private static final ThreadLocal<ByteWriter> SCRATCH = ThreadLocal.withInitial(() -> new ByteWriter(INITIAL_BYTES));

    private ScratchEncoder() {
    }

    public static <T> byte[] encode(T value, BiConsumer<T, ByteWriter> writer) {
        ByteWriter out = SCRATCH.get().reset();
        writer.accept(value, out);
        return out.toByteArray();
    }
}
