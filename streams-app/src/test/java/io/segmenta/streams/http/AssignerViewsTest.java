package io.segmenta.streams.http;

import io.segmenta.assigner.dedup.RecentEvents;
import io.segmenta.assigner.events.EventRules;
import io.segmenta.assigner.profile.CustomerProfile;
import io.segmenta.assigner.profile.ProfileFolder;
import io.segmenta.assigner.scoring.SwitchMargin;
import io.segmenta.streams.TestEvents;
import io.segmenta.streams.TestModels;
import io.segmenta.streams.metrics.LiveDrift;
import io.segmenta.streams.model.CompiledModel;
import io.segmenta.streams.model.ModelCompiler;
import io.segmenta.streams.state.CurrentAssignment;
import io.segmenta.streams.state.CustomerState;
import io.segmenta.streams.state.SegmentHistory;
import io.segmenta.assigner.scoring.Assignment;
import io.segmenta.avro.ChangeCause;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AssignerViewsTest {

    static final SwitchMargin MARGIN = new SwitchMargin(0.1, 0.2);

    final CompiledModel v1 = new ModelCompiler("default", 30.0).compile(TestModels.spenders(1, 10, 1000));

    CustomerState alice(long modelVersion) {
        return customer(2000, new CurrentAssignment(2, "Big spenders", "default", modelVersion, 1000, 0.5, 0L));
    }

    static CustomerState customer(double spent, CurrentAssignment assignment) {
        ProfileFolder folder = new ProfileFolder(30.0, EventRules.DEFAULTS);
        CustomerProfile profile = folder.newProfile();
        folder.fold(profile, TestEvents.purchase("e1", "alice", spent));
        return new CustomerState(profile, assignment, new RecentEvents(4));
    }

    @Test
    void aCustomerScoredByTheActiveModelIsExplainedAndHerFeaturesAreAsOfNow() {
        long now = TestModels.T0.plus(Duration.ofDays(30)).toEpochMilli();

        Views.CustomerView view = AssignerViews.customer("alice", alice(1), Optional.of(v1), MARGIN, now);

        assertThat(view.segmentId()).isEqualTo(2);
        assertThat(view.modelVersion()).isEqualTo(1L);
        assertThat(view.explanation()).extracting(Views.Contribution::feature).containsExactly("monetary");
        assertThat(view.explanation().getFirst().contribution()).isPositive();
        assertThat((Double) view.features().get("monetary")).isCloseTo(1000.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat((Double) view.features().get("recency_days")).isCloseTo(30.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(view.features()).containsEntry("age", null).containsEntry("country", "GB");
        assertThat(view.previousSegmentId()).as("her first segment").isNull();
        assertThat(view.segmentSince()).isNull();
    }

    @Test
    void theSegmentSheLeftAndWhenSheEnteredThisOneAreShown() {
        CustomerState moved = customer(2000, new CurrentAssignment(2, "Big spenders", "default", 1, 1000, 0.5, 0L,
                Assignment.NO_SEGMENT, 0, 1, Instant.parse("2026-01-10T08:00:00Z").toEpochMilli()));

        Views.CustomerView view = AssignerViews.customer("alice", moved, Optional.of(v1), MARGIN, 0);

        assertThat(view.previousSegmentId()).isEqualTo(1);
        assertThat(view.segmentSince()).isEqualTo("2026-01-10T08:00:00Z");
    }

    @Test
    void aSegmentKeptByTheMarginIsExplainedAgainstTheBestItHeldBack() {
        // 530 is nearer the big centre (470) than the small one (520), but not a tenth nearer: she stayed small
        CustomerState kept = customer(530, new CurrentAssignment(1, "Small spenders", "default", 1, 520, 0, 0L));

        Views.CustomerView view = AssignerViews.customer("alice", kept, Optional.of(v1), MARGIN, 0);

        assertThat(view.segmentId()).isEqualTo(1);
        assertThat(view.explanation()).singleElement().satisfies(c -> {
            assertThat(c.feature()).isEqualTo("monetary");
            assertThat(c.contribution()).as("470^2 - 520^2: the best is nearer").isCloseTo(470.0 * 470 - 520.0 * 520,
                    org.assertj.core.data.Offset.offset(1e-6));
        });
    }

    @Test
    void aSegmentTheCurrentMarginWouldNotKeepIsNotExplainedAsAnother() {
        // kept under a margin of 0.1; the instance now runs without one and would put her with the big spenders
        CustomerState kept = customer(530, new CurrentAssignment(1, "Small spenders", "default", 1, 520, 0, 0L));

        Views.CustomerView view = AssignerViews.customer("alice", kept, Optional.of(v1), SwitchMargin.NONE, 0);

        assertThat(view.segmentId()).isEqualTo(1);
        assertThat(view.explanation()).isEmpty();
    }

    @Test
    void aCustomerScoredByAnOlderModelHasNoExplanation() {
        Views.CustomerView view = AssignerViews.customer("alice", alice(0), Optional.of(v1), MARGIN, 0);

        assertThat(view.explanation()).isEmpty();
        assertThat(view.segmentId()).isEqualTo(2);
    }

    @Test
    void segmentsShowTrainingFiguresWithoutLiveDriftYet() {
        Views.SegmentsView view = AssignerViews.segments(Optional.of(v1), new LiveDrift()).orElseThrow();

        assertThat(view.k()).isEqualTo(2);
        assertThat(view.segments()).extracting(Views.SegmentView::trainingShare).containsExactly(0.6, 0.4);
        assertThat(view.segments()).extracting(Views.SegmentView::liveCount).containsExactly(0L, 0L);
        assertThat(view.drift()).isNull();
        assertThat(AssignerViews.segments(Optional.empty(), new LiveDrift())).isEmpty();
    }

    @Test
    void theHistoryIsListedNewestFirstAndAnInstantIsAnsweredOrExplained() {
        SegmentHistory history = SegmentHistory.EMPTY
                .append(new SegmentHistory.Transition(1_000, Assignment.NO_SEGMENT, 1, "Small", 1, ChangeCause.MODEL_UPDATE), 2)
                .append(new SegmentHistory.Transition(2_000, 1, 2, "Big", 1, ChangeCause.EVENT), 2);

        Views.HistoryView view = AssignerViews.history("alice", history, 2);
        CustomerLookup between = AssignerViews.heldAt("alice", history, Instant.ofEpochMilli(1_500));
        CustomerLookup before = AssignerViews.heldAt("alice", history, Instant.ofEpochMilli(999));
        CustomerLookup dropped = AssignerViews.heldAt("alice", history.append(
                new SegmentHistory.Transition(3_000, 2, 1, "Small", 2, ChangeCause.EVENT), 2), Instant.ofEpochMilli(1_500));

        assertThat(view.transitions()).extracting(Views.TransitionView::segmentId).containsExactly(2, 1);
        assertThat(view.transitions().getLast().fromSegmentId()).isNull();
        assertThat(view.transitions().getFirst().at()).isEqualTo("1970-01-01T00:00:02Z");
        assertThat(between).isEqualTo(new CustomerLookup.Found(new Views.HeldAtView("alice",
                "1970-01-01T00:00:01.500Z", 1, "Small", 1, "1970-01-01T00:00:01Z", "MODEL_UPDATE")));
        assertThat(before).isInstanceOf(CustomerLookup.NoAnswer.class)
                .extracting(a -> ((CustomerLookup.NoAnswer) a).error()).isEqualTo("no_segment_then");
        assertThat(dropped).isInstanceOf(CustomerLookup.NoAnswer.class)
                .extracting(a -> ((CustomerLookup.NoAnswer) a).error()).isEqualTo("not_kept");
    }
}
