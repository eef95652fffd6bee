package io.segmenta.assigner.codec;

import org.junit.jupiter.api.Test;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ByteWriterReaderTest {

    static long roundTrip(long value) {
        byte[] bytes = new ByteWriter(1).putVarLong(value).toByteArray();
        assertThat(bytes).as("size of %d", value).hasSize(ByteWriter.varLongSize(value));
        ByteReader in = new ByteReader(bytes);
        long back = in.getVarLong();
        assertThat(in.hasRemaining()).isFalse();
        return back;
    }

    @Test
    void everyLongRoundTripsAsAVarintInTheBytesItsSizeSays() {
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
    void varintsAreZigZagLeb128AsInAvroAndSmallMagnitudesOfEitherSignAreShort() {
        assertThat(new ByteWriter(1).putVarLong(-1).toByteArray()).containsExactly(1);
        assertThat(new ByteWriter(1).putVarLong(1).toByteArray()).containsExactly(2);
        assertThat(new ByteWriter(1).putVarLong(64).toByteArray()).containsExactly(0x80, 0x01);
        assertThat(ByteWriter.varLongSize(-64)).isEqualTo(1);
        assertThat(ByteWriter.varLongSize(3_600_000)).isEqualTo(4); // an hour in millis
        assertThat(ByteWriter.varLongSize(1_763_000_000_000L)).isEqualTo(6); // an epoch time in millis
        assertThat(ByteWriter.varLongSize(Long.MIN_VALUE)).isEqualTo(ByteReader.MAX_VAR_LONG_BYTES);
    }

    @Test
    void fixedWidthNumbersAreBigEndianLikeByteBuffer() {
        byte[] ours = new ByteWriter(4).putInt(-7).putLong(1L << 40).putDouble(-0.0).put((byte) 9)
                .put(new byte[]{1, 2}).toByteArray();
        byte[] buffer = ByteBuffer.allocate(ours.length).putInt(-7).putLong(1L << 40).putDouble(-0.0).put((byte) 9)
                .put(new byte[]{1, 2}).array();
        assertThat(ours).isEqualTo(buffer);

        ByteReader in = new ByteReader(ours);
        assertThat(in.getInt()).isEqualTo(-7);
        assertThat(in.getLong()).isEqualTo(1L << 40);
        assertThat(Double.doubleToRawLongBits(in.getDouble())).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(in.get()).isEqualTo((byte) 9);
        assertThat(in.getShort()).isEqualTo((short) 0x0102);
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void aWriterGrowsAndIsReusable() {
        ByteWriter out = new ByteWriter(16);
        byte[] big = new byte[100];
        big[99] = 5;
        out.put(big).putLong(3);
        assertThat(out.position()).isEqualTo(108);
        assertThat(out.toByteArray()[99]).isEqualTo((byte) 5);
        assertThat(out.reset().putVarLong(0).toByteArray()).containsExactly(0);
    }

    @Test
    void aReaderStaysInsideItsSliceAndRefusesMalformedNumbers() {
        byte[] bytes = {0x7f, 0x02, 0x04, 0x7f};
        ByteReader in = new ByteReader(bytes, 1, 2);
        assertThat(in.getVarLong()).isEqualTo(1);
        assertThat(in.getVarLong()).isEqualTo(2);
        assertThatThrownBy(in::get).isInstanceOf(BufferUnderflowException.class);
        assertThatThrownBy(() -> new ByteReader(bytes, 1, 2).getInt()).isInstanceOf(BufferUnderflowException.class);
        assertThatThrownBy(() -> new ByteReader(bytes, 3, 2)).isInstanceOf(IndexOutOfBoundsException.class);

        byte[] endless = new byte[11];
        Arrays.fill(endless, (byte) 0x80);
        assertThatThrownBy(() -> new ByteReader(endless).getVarLong())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than 10 bytes");
        assertThatThrownBy(() -> new ByteReader(new byte[]{(byte) 0x80, (byte) 0x80}).getVarLong())
                .isInstanceOf(BufferUnderflowException.class);
    }

    @Test
    void smallStringsAreReadThroughTheCacheAndBoundedByTheSlice() {
        byte[] bytes = {'w', 'e', 'b', 'x', 'w', 'e', 'b'};
        ByteReader in = new ByteReader(bytes);
        String first = in.getSmallString(3);
        assertThat(first).isEqualTo("web");
        assertThat(in.get()).isEqualTo((byte) 'x');
        assertThat(in.getSmallString(3)).isSameAs(first);
        assertThatThrownBy(() -> new ByteReader(bytes, 0, 2).getSmallString(4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 bytes where 2 remain");
        assertThatThrownBy(() -> new ByteReader(bytes).getSmallString(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
