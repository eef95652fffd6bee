package io.segmenta.assigner.dedup;

import org.junit.jupiter.api.Test;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecentEventsCodecTest {

    static RecentEvents ring(int capacity, int entries) {
        RecentEvents recent = new RecentEvents(capacity);
        for (int i = 1; i <= entries; i++) {
            recent.add(EventIdHash.of("e" + i), 1_000L * i);
        }
        return recent;
    }

    static ByteBuffer encoded(RecentEvents recent) {
        ByteBuffer out = ByteBuffer.allocate(RecentEventsCodec.encodedSize(recent));
        RecentEventsCodec.write(recent, out);
        assertThat(out.hasRemaining()).as("encodedSize is exact").isFalse();
        return out.flip();
    }

    @Test
    void roundTripKeepsOrderHashesAndTimes() {
        RecentEvents recent = ring(8, 5);

        RecentEvents back = RecentEventsCodec.read(encoded(recent), 8);

        assertThat(back).isEqualTo(recent);
        assertThat(back.timeAt(4)).isEqualTo(5_000L);
    }

    @Test
    void layoutIsACountThenHashAndTimePairsOldestFirst() {
        // the assigner's stored state (CustomerStateCodec format 1) ends with exactly these bytes: keep them
        ByteBuffer bytes = encoded(ring(4, 2));

        assertThat(bytes.remaining()).isEqualTo(2 + 2 * 16);
        assertThat(bytes.getShort()).isEqualTo((short) 2);
        assertThat(bytes.getLong()).isEqualTo(EventIdHash.of("e1"));
        assertThat(bytes.getLong()).isEqualTo(1_000L);
    }

    @Test
    void aLongerStoredRingKeepsItsNewestEntries() {
        RecentEvents back = RecentEventsCodec.read(encoded(ring(8, 5)), 2);

        assertThat(back.size()).isEqualTo(2);
        assertThat(back.contains(EventIdHash.of("e5"))).isTrue();
        assertThat(back.contains(EventIdHash.of("e3"))).isFalse();
    }

    @Test
    void corruptOrTruncatedBytesAreRefused() {
        assertThatThrownBy(() -> RecentEventsCodec.read(ByteBuffer.allocate(2).putShort(0, (short) -1), 8))
                .isInstanceOf(RecentEventsFormatException.class);
        ByteBuffer full = encoded(ring(8, 3));
        assertThatThrownBy(() -> RecentEventsCodec.read(full.limit(full.limit() - 1), 8))
                .isInstanceOf(BufferUnderflowException.class);
    }
}
