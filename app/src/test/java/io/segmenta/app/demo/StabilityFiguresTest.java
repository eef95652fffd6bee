package io.segmenta.app.demo;

import io.segmenta.avro.LineageEvent;
import io.segmenta.avro.LineageKind;
import io.segmenta.avro.Segment;
import io.segmenta.avro.SegmentModel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StabilityFiguresTest {

    private static final long DAYS_60 = 60L * 86_400_000L;

    @Test
    void movesLineageAndLabelsAreCountedAfterTheFirstModel() {
        SegmentModel v1 = model(1, List.of(segment(0, "Lapsed"), segment(1, "Frequent")), List.of(
                event(LineageKind.BIRTH, List.of(), List.of(0)), event(LineageKind.BIRTH, List.of(), List.of(1))));
        SegmentModel v2 = model(2, List.of(segment(0, "Lapsed"), segment(1, "Frequent, high value")), List.of(
                event(LineageKind.SURVIVED, List.of(0), List.of(0)), event(LineageKind.SURVIVED, List.of(1), List.of(1))));
        SegmentModel v3 = model(3, List.of(segment(0, "Lapsed"), segment(2, "New")), List.of(
                event(LineageKind.SURVIVED, List.of(0), List.of(0)), event(LineageKind.DEATH, List.of(1), List.of()),
                event(LineageKind.BIRTH, List.of(), List.of(2))));

        StabilityFigures f = StabilityFigures.of(List.of(v1, v2, v3), Map.of(2L, 10L, 3L, 30L), 200, 100, DAYS_60);

        assertThat(f.movedPerRefitMedian()).isEqualTo(0.2, within(1e-12)); // 10 % and 30 % of 100 customers
        assertThat(f.movedPerRefitMax()).isEqualTo(0.3, within(1e-12));
        assertThat(f.distinctSegmentIds()).isEqualTo(3);
        assertThat(f.births()).isEqualTo(1); // the first model's births are not counted
        assertThat(f.deaths()).isEqualTo(1);
        assertThat(f.labelChanges()).isEqualTo(1);
        assertThat(f.changesPerCustomerPer30Days()).isEqualTo(1.0, within(1e-12)); // 200 moves, 100 customers, 2 x 30 days
    }

    @Test
    void anEmptyRunHasNoFigures() {
        StabilityFigures f = StabilityFigures.of(List.of(), Map.of(), 0, 0, 0);

        assertThat(f.distinctSegmentIds()).isZero();
        assertThat(f.changesPerCustomerPer30Days()).isZero();
    }

    private static SegmentModel model(long version, List<Segment> segments, List<LineageEvent> lineage) {
        SegmentModel m = new SegmentModel();
        m.put("version", version);
        m.put("segments", new ArrayList<>(segments));
        m.put("lineage", new ArrayList<>(lineage));
        return m;
    }

    private static Segment segment(int id, String label) {
        Segment s = new Segment();
        s.put("segmentId", id);
        s.put("label", label);
        return s;
    }

    private static LineageEvent event(LineageKind kind, List<Integer> from, List<Integer> to) {
        return LineageEvent.newBuilder().setKind(kind).setFromSegments(new ArrayList<>(from))
                .setToSegments(new ArrayList<>(to)).build();
    }
}
