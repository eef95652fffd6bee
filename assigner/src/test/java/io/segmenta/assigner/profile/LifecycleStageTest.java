package io.segmenta.assigner.profile;

import io.segmenta.assigner.events.EventRules;
import org.junit.jupiter.api.Test;

import static io.segmenta.assigner.profile.Events.DAY;
import static io.segmenta.assigner.profile.Events.T0;
import static io.segmenta.assigner.profile.Events.purchase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LifecycleStageTest {

    private final ProfileFolder folder = new ProfileFolder(30, EventRules.DEFAULTS);

    @Test
    void newThenActiveThenLapsingThenLapsedAsTimeGoesByWithoutEvents() {
        CustomerProfile p = folder.newProfile();
        folder.fold(p, purchase(T0, 20, "books"));
        assertThat(LifecycleStage.of(p.asOf(T0 + 10 * DAY))).isEqualTo(LifecycleStage.NEW);

        folder.fold(p, purchase(T0 + 40 * DAY, 20, "books"));
        assertThat(LifecycleStage.of(p.asOf(T0 + 50 * DAY))).isEqualTo(LifecycleStage.ACTIVE);
        assertThat(LifecycleStage.of(p.asOf(T0 + 70 * DAY))).isEqualTo(LifecycleStage.LAPSING);
        assertThat(LifecycleStage.of(p.asOf(T0 + 130 * DAY))).isEqualTo(LifecycleStage.LAPSED);
        // read at the last event (how segments are read) a customer is never lapsing: the stage needs "now"
        assertThat(LifecycleStage.of(p.asOf(p.lastEventMillis()))).isEqualTo(LifecycleStage.ACTIVE);
    }

    @Test
    void aProfileWithoutEventsHasNoStageAndThresholdsAreChecked() {
        assertThat(LifecycleStage.of(folder.newProfile().asOf(T0))).isNull();
        assertThatThrownBy(() -> LifecycleStage.of(folder.newProfile().asOf(T0), 90, 30))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
