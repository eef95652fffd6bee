package io.segmenta.schemas.deadletter;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterTest {

    @Test
    void headersCarryTheOriginAndTheReasonAndReadBack() {
        DeadLetter letter = new DeadLetter("c-1".getBytes(), new byte[]{1, 2, 3}, "customer-events", 1, 42L, 1_700_000_000_000L,
                "NO_MAGIC_BYTE", "io.segmenta.schemas.serde.WireFormatException", "first byte is 0x01", "assigner");

        DeadLetter back = DeadLetter.fromRecord(letter.key(), letter.value(), letter.headers());

        assertThat(new String(letter.headers().lastHeader(DeadLetter.REASON).value(), StandardCharsets.UTF_8))
                .isEqualTo("NO_MAGIC_BYTE");
        assertThat(back.sourceTopic()).isEqualTo("customer-events");
        assertThat(back.sourcePartition()).isEqualTo(1);
        assertThat(back.sourceOffset()).isEqualTo(42L);
        assertThat(back.sourceTimestamp()).isEqualTo(1_700_000_000_000L);
        assertThat(back.reason()).isEqualTo("NO_MAGIC_BYTE");
        assertThat(back.errorClass()).endsWith("WireFormatException");
        assertThat(back.errorMessage()).isEqualTo("first byte is 0x01");
        assertThat(back.stage()).isEqualTo("assigner");
        assertThat(back.value()).containsExactly(1, 2, 3);
    }

    @Test
    void aHugeMessageIsCutToABoundedHeader() {
        DeadLetter letter = new DeadLetter(null, new byte[0], "t", 0, 0, 0, "X", "E", "m".repeat(100_000), "trainer");

        assertThat(letter.headers().lastHeader(DeadLetter.ERROR_MESSAGE).value().length).isLessThan(2100);
    }
}
