package io.segmenta.assigner.codec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScratchEncoderTest {

    static void repeat(byte[] pattern, ByteWriter out) {
        for (int i = 0; i < 3; i++) {
            out.put(pattern);
        }
    }

    @Test
    void returnsExactlyTheBytesWritten() {
        byte[] bytes = ScratchEncoder.encode(new byte[]{1, 2}, ScratchEncoderTest::repeat);

        assertThat(bytes).containsExactly(1, 2, 1, 2, 1, 2);
    }

    @Test
    void aValueLargerThanTheScratchBufferIsWrittenWhole() {
        byte[] big = new byte[ScratchEncoder.INITIAL_BYTES + 1];
        big[big.length - 1] = 9;

        byte[] bytes = ScratchEncoder.encode(big, ScratchEncoderTest::repeat);

        assertThat(bytes).hasSize(3 * big.length);
        assertThat(bytes[bytes.length - 1]).isEqualTo((byte) 9);
        assertThat(ScratchEncoder.encode(new byte[]{7}, ScratchEncoderTest::repeat)).containsExactly(7, 7, 7);
    }
}
