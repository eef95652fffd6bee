package io.segmenta.streams.state;

import io.segmenta.assigner.scoring.Assignment;
import io.segmenta.avro.ChangeCause;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SegmentHistoryCodecTest {

    static final SegmentHistory HISTORY = new SegmentHistory(List.of(
            new SegmentHistory.Transition(1_767_225_600_000L, Assignment.NO_SEGMENT, 3, "Loyal, high value", 1,
                    ChangeCause.MODEL_UPDATE),
            new SegmentHistory.Transition(1_767_312_000_000L, 3, 12, "Lapsed — «bargain» 🛒", 7, ChangeCause.EVENT),
            new SegmentHistory.Transition(1_767_312_000_000L, 12, 3, "Loyal, high value", 9, ChangeCause.REPLAY)),
            true);

    @Test
    void aHistoryReadsBackAsWritten() {
        byte[] bytes = SegmentHistoryCodec.encode(HISTORY);

        assertThat(SegmentHistoryCodec.decode(bytes)).isEqualTo(HISTORY);
        assertThat(SegmentHistoryCodec.decode(SegmentHistoryCodec.encode(SegmentHistory.EMPTY)))
                .isEqualTo(SegmentHistory.EMPTY);
    }

    @Test
    void causesHaveCodesOfTheirOwn() {
        for (ChangeCause cause : ChangeCause.values()) {
            SegmentHistory one = SegmentHistory.EMPTY.append(new SegmentHistory.Transition(5, 1, 2, "x", 1, cause), 4);
            assertThat(SegmentHistoryCodec.decode(SegmentHistoryCodec.encode(one))).isEqualTo(one);
        }
        assertThat(SegmentHistoryCodec.causeCode(ChangeCause.EVENT)).isEqualTo((byte) 1);
        assertThat(SegmentHistoryCodec.causeCode(ChangeCause.MODEL_UPDATE)).isEqualTo((byte) 2);
    }

    @Test
    void badBytesAreAStateFormatErrorNeverAnotherHistory() {
        byte[] good = SegmentHistoryCodec.encode(HISTORY);
        byte[] newer = good.clone();
        newer[0] = 9;
        byte[] trailing = Arrays.copyOf(good, good.length + 1);
        byte[] cut = Arrays.copyOf(good, good.length - 3);
        byte[] badFlag = good.clone();
        badFlag[1] = 7;

        assertThatThrownBy(() -> SegmentHistoryCodec.decode(newer)).isInstanceOf(StateFormatException.class)
                .hasMessageContaining("format 9");
        assertThatThrownBy(() -> SegmentHistoryCodec.decode(trailing)).isInstanceOf(StateFormatException.class)
                .hasMessageContaining("trailing");
        assertThatThrownBy(() -> SegmentHistoryCodec.decode(cut)).isInstanceOf(StateFormatException.class);
        assertThatThrownBy(() -> SegmentHistoryCodec.decode(badFlag)).isInstanceOf(StateFormatException.class)
                .hasMessageContaining("flag");
        assertThatThrownBy(() -> SegmentHistoryCodec.decode(new byte[]{1})).isInstanceOf(StateFormatException.class);
    }

    @Test
    void theSerdeWritesAndReadsThroughKafkasInterfaces() {
        var serde = SegmentHistoryCodec.serde();

        byte[] bytes = serde.serializer().serialize("t", HISTORY);

        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(HISTORY);
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }
}
