package io.segmenta.assigner.codec;

import org.junit.jupiter.api.Test;

import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VarintsTest {

    static long roundTrip(long value) {
        ByteBuffer out = ByteBuffer.allocate(Varints.sizeOfLong(value));
        Varints.putLong(out, value);
        assertThat(out.hasRemaining()).as("size of %d", value).isFalse();
        return Varints.getLong(out.flip());
    }

    @Test
    void everyLongRoundTripsInTheBytesItsSizeSays() {
        long[] edges = {0, 1, -1, 63, -64, 64, -65, 8191, 8192, Integer.MAX_VALUE, Integer.MIN_VALUE,
                1_763_000_000_000L, -1_763_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE};
        for (long v : edges) {
            assertThat(roundTrip(v)).isEqualTo(v);
        }
        Random random = new Random(4);
        for (int i = 0; i < 10_000; i++) {
            long v = random.nextLong() >> random.nextInt(64);
            assertThat(roundTrip(v)).isEqualTo(v);
        }
    }

    @Test
    void directBuffersAndOffsetArraysReadAndWriteTheSameBytes() {
        long[] values = {0, -1, 300, 1_763_000_000_000L, Long.MIN_VALUE};
        ByteBuffer heap = ByteBuffer.wrap(new byte[64], 3, 61).slice(); // an array offset of 3
        ByteBuffer direct = ByteBuffer.allocateDirect(61);
        for (long v : values) {
            Varints.putLong(heap, v);
            Varints.putLong(direct, v);
        }
        assertThat(heap.position()).isEqualTo(direct.position());
        assertThat(heap.flip()).isEqualTo(direct.flip());
        for (long v : values) {
            assertThat(Varints.getLong(heap)).isEqualTo(v);
            assertThat(Varints.getLong(direct)).isEqualTo(v);
        }
    }

    @Test
    void aNumberThatDoesNotFitWritesNothing() {
        ByteBuffer out = ByteBuffer.allocate(5);
        out.put((byte) 1);

        assertThatThrownBy(() -> Varints.putLong(out, 1_763_000_000_000L)).isInstanceOf(BufferOverflowException.class);
        assertThat(out.position()).isEqualTo(1);
    }

    @Test
    void smallMagnitudesOfEitherSignAreShort() {
        assertThat(Varints.sizeOfLong(0)).isEqualTo(1);
        assertThat(Varints.sizeOfLong(-64)).isEqualTo(1);
        assertThat(Varints.sizeOfLong(63)).isEqualTo(1);
        assertThat(Varints.sizeOfLong(64)).isEqualTo(2);
        assertThat(Varints.sizeOfLong(3_600_000)).isEqualTo(4); // an hour in millis
        assertThat(Varints.sizeOfLong(1_763_000_000_000L)).isEqualTo(6); // an epoch time in millis
        assertThat(Varints.sizeOfLong(Long.MIN_VALUE)).isEqualTo(Varints.MAX_LONG_BYTES);
    }

    @Test
    void malformedAndTruncatedNumbersAreRefused() {
        byte[] endless = new byte[11];
        java.util.Arrays.fill(endless, (byte) 0x80);
        assertThatThrownBy(() -> Varints.getLong(ByteBuffer.wrap(endless)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than 10 bytes");
        assertThatThrownBy(() -> Varints.getLong(ByteBuffer.wrap(new byte[]{(byte) 0x80, (byte) 0x80})))
                .isInstanceOf(BufferUnderflowException.class);
        ByteBuffer direct = ByteBuffer.allocateDirect(2).put((byte) 0x80).put((byte) 0x80).flip();
        assertThatThrownBy(() -> Varints.getLong(direct)).isInstanceOf(BufferUnderflowException.class);
    }
}
