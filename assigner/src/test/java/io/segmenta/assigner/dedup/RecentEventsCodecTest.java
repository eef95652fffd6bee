package io.segmenta.assigner.dedup;

import io.segmenta.assigner.codec.ByteReader;
import io.segmenta.assigner.codec.ByteWriter;
import org.junit.jupiter.api.Test;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

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

    /** The fixed form as format 1 of the states stored it: short m, then m x (long hash, long millis). */
    static byte[] fixed(RecentEvents recent) {
        ByteBuffer out = ByteBuffer.allocate(2 + 16 * recent.size()).putShort((short) recent.size());
        for (int i = 0; i < recent.size(); i++) {
            out.putLong(recent.hashAt(i)).putLong(recent.timeAt(i));
        }
        return out.array();
    }

    static byte[] compact(RecentEvents recent) {
        ByteWriter out = new ByteWriter(16);
        RecentEventsCodec.writeCompact(recent, out);
        return out.toByteArray();
    }

    @Test
    void theFixedFormOfOlderStatesIsReadInOrder() {
        RecentEvents recent = ring(8, 5);

        RecentEvents back = RecentEventsCodec.read(new ByteReader(fixed(recent)), 8);

        assertThat(back).isEqualTo(recent);
        assertThat(back.timeAt(4)).isEqualTo(5_000L);
    }

    @Test
    void aLongerStoredRingKeepsItsNewestEntries() {
        RecentEvents back = RecentEventsCodec.read(new ByteReader(fixed(ring(8, 5))), 2);

        assertThat(back.size()).isEqualTo(2);
        assertThat(back.contains(EventIdHash.of("e5"))).isTrue();
        assertThat(back.contains(EventIdHash.of("e3"))).isFalse();
    }

    @Test
    void corruptOrTruncatedFixedBytesAreRefused() {
        assertThatThrownBy(() -> RecentEventsCodec.read(new ByteReader(new byte[]{(byte) 0xff, (byte) 0xff}), 8))
                .isInstanceOf(RecentEventsFormatException.class);
        byte[] full = fixed(ring(8, 3));
        assertThatThrownBy(() -> RecentEventsCodec.read(new ByteReader(full, 0, full.length - 1), 8))
                .isInstanceOf(BufferUnderflowException.class);
    }

    @Test
    void compactRoundTripKeepsOrderHashesAndTimesOfEitherDirection() {
        RecentEvents recent = ring(8, 5);
        recent.add(EventIdHash.of("late"), 2_500L); // an out-of-order event: a negative difference
        recent.add(EventIdHash.of("far"), Long.MAX_VALUE);

        RecentEvents back = RecentEventsCodec.readCompact(new ByteReader(compact(recent)), 8);

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

        assertThat(compact(recent)).hasSize(1 + 3 * 8 + 6 + 3 + 2);
        assertThat(compact(recent).length).isLessThan(fixed(recent).length * 3 / 4);
    }

    @Test
    void aLongerCompactRingKeepsItsNewestEntries() {
        RecentEvents back = RecentEventsCodec.readCompact(new ByteReader(compact(ring(8, 5))), 2);

        assertThat(back.size()).isEqualTo(2);
        assertThat(back.contains(EventIdHash.of("e5"))).isTrue();
        assertThat(back.timeAt(1)).isEqualTo(5_000L);
    }

    @Test
    void corruptOrTruncatedCompactBytesAreRefused() {
        assertThatThrownBy(() -> RecentEventsCodec.readCompact(new ByteReader(new byte[]{1}), 8)) // count -1
                .isInstanceOf(RecentEventsFormatException.class);
        assertThatThrownBy(() -> RecentEventsCodec.readCompact(new ByteReader(new byte[]{(byte) 0xfe, 0x7f}), 8))
                .isInstanceOf(RecentEventsFormatException.class).hasMessageContaining("8191 entries in 0 bytes");
        byte[] full = compact(ring(8, 3));
        assertThatThrownBy(() -> RecentEventsCodec.readCompact(new ByteReader(Arrays.copyOf(full, full.length - 1)), 8))
                .isInstanceOf(BufferUnderflowException.class);
    }
}
