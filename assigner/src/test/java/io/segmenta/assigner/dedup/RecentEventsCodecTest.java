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
        // the trainer's state and the assigner's format 1 end with exactly these bytes: keep them
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

    static ByteBuffer compact(RecentEvents recent) {
        ByteBuffer out = ByteBuffer.allocate(1024);
        RecentEventsCodec.writeCompact(recent, out);
        return out.flip();
    }

    @Test
    void compactRoundTripKeepsOrderHashesAndTimesOfEitherDirection() {
        RecentEvents recent = ring(8, 5);
        recent.add(EventIdHash.of("late"), 2_500L); // an out-of-order event: a negative difference
        recent.add(EventIdHash.of("far"), Long.MAX_VALUE);

        RecentEvents back = RecentEventsCodec.readCompact(compact(recent), 8);

        assertThat(back).isEqualTo(recent);
        assertThat(back.timeAt(5)).isEqualTo(2_500L);
        assertThat(back.timeAt(6)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void compactTimesCostTheirDifferences() {
        RecentEvents recent = new RecentEvents(8);
        long t = 1_763_000_000_000L;
        recent.add(1, t);
        recent.add(2, t + 60_000);        // a minute later: 3 bytes
        recent.add(3, t + 60_000 + 3_600); // 3.6 s later: 2 bytes

        assertThat(compact(recent).remaining()).isEqualTo(1 + 3 * 8 + 6 + 3 + 2);
        assertThat(compact(recent).remaining()).isLessThan(RecentEventsCodec.encodedSize(recent) * 3 / 4);
    }

    @Test
    void aLongerCompactRingKeepsItsNewestEntries() {
        RecentEvents back = RecentEventsCodec.readCompact(compact(ring(8, 5)), 2);

        assertThat(back.size()).isEqualTo(2);
        assertThat(back.contains(EventIdHash.of("e5"))).isTrue();
        assertThat(back.timeAt(1)).isEqualTo(5_000L);
    }

    @Test
    void corruptOrTruncatedCompactBytesAreRefused() {
        assertThatThrownBy(() -> RecentEventsCodec.readCompact(ByteBuffer.wrap(new byte[]{1}), 8)) // count -1
                .isInstanceOf(RecentEventsFormatException.class);
        assertThatThrownBy(() -> RecentEventsCodec.readCompact(ByteBuffer.wrap(new byte[]{(byte) 0xfe, 0x7f}), 8))
                .isInstanceOf(RecentEventsFormatException.class).hasMessageContaining("8191 entries in 0 bytes");
        ByteBuffer full = compact(ring(8, 3));
        assertThatThrownBy(() -> RecentEventsCodec.readCompact(full.limit(full.limit() - 1), 8))
                .isInstanceOf(BufferUnderflowException.class);
    }
}
