package io.segmenta.streams.model;

import io.segmenta.assigner.scoring.SegmentScorer;
import io.segmenta.avro.SegmentModel;
import io.segmenta.streams.TestModels;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ModelTimeline#at}: the newest version valid at a time, never one whose training ended later. */
class ModelTimelineTest {

    static final Instant DAY0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aTimeIsServedByTheNewestVersionWhoseTrainingEndedByThen() {
        ModelTimeline timeline = ModelTimeline.of(List.of(compiled(2, 14), compiled(1, 7), compiled(3, 21)));

        assertThat(timeline.at(day(6))).isNull();
        assertThat(timeline.at(day(7)).version()).isEqualTo(1);
        assertThat(timeline.at(day(13)).version()).isEqualTo(1);
        assertThat(timeline.at(day(14)).version()).isEqualTo(2);
        assertThat(timeline.at(day(100)).version()).isEqualTo(3);
        assertThat(timeline.models()).extracting(CompiledModel::version).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aNewerVersionTrainedOnAnEarlierPeriodServesFromItsOwnEndOn() {
        // v3 (an analyst's model of an earlier period) ends before v2: from its end on it is the newest valid
        ModelTimeline timeline = ModelTimeline.of(List.of(compiled(1, 7), compiled(2, 14), compiled(3, 10)));

        assertThat(timeline.at(day(9)).version()).isEqualTo(1);
        assertThat(timeline.at(day(10)).version()).isEqualTo(3);
        assertThat(timeline.at(day(20)).version()).isEqualTo(3);
    }

    @Test
    void aPromotedVersionServesFromItsValidFromNotFromItsTrainingEnd() {
        // v3 trained until day 10, promoted at day 30: before day 30 the events keep the versions live had then
        CompiledModel promoted = compiled(3, 10, day(30));
        ModelTimeline timeline = ModelTimeline.of(List.of(compiled(1, 7), compiled(2, 14), promoted));

        assertThat(timeline.at(day(29)).version()).isEqualTo(2);
        assertThat(timeline.at(day(30)).version()).isEqualTo(3);
        assertThat(timeline.startOf(promoted)).isEqualTo(day(30));
        // a validFrom before the training end is no earlier than the end
        assertThat(compiled(4, 10, day(5)).validFromMillis()).isEqualTo(day(10));
    }

    @Test
    void anEmptyTimelineServesNothing() {
        assertThat(ModelTimeline.empty().at(Long.MAX_VALUE)).isNull();
        assertThat(ModelTimeline.of(List.of()).models()).isEmpty();
    }

    private static long day(int d) {
        return DAY0.plus(Duration.ofDays(d)).toEpochMilli();
    }

    private static CompiledModel compiled(long version, int trainedUntilDay) {
        return compiled(version, trainedUntilDay, null);
    }

    private static CompiledModel compiled(long version, int trainedUntilDay, Long validFrom) {
        SegmentModel model = SegmentModel.newBuilder(TestModels.model(version,
                        TestModels.monetarySpec(TestModels.HALF_LIFE_DAYS), DAY0.plus(Duration.ofDays(trainedUntilDay)),
                        List.of(TestModels.segment(1, "Small", 600, 10), TestModels.segment(2, "Big", 400, 1000))))
                .setValidFrom(validFrom == null ? null : Instant.ofEpochMilli(validFrom)).build();
        return new CompiledModel(model, SegmentScorer.compile(model));
    }
}
