package io.segmenta.fitting.profile;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelContinuityTest {

    private final LabelContinuity continuity = new LabelContinuity(0.5);

    @Test
    void aContinuingSegmentWhoseProfileBarelyMovedKeepsItsLabelAndAction() {
        LabelContinuity.Previous before = new LabelContinuity.Previous("Lapsed, infrequent", "Win back",
                Map.of("recency_days", 0.55, "frequency", -0.6));

        LabelContinuity.Result r = continuity.apply(new int[] {3}, List.of(new SegmentLabel("Infrequent", "Nudge")),
                List.of(profile(Map.of("recency_days", 0.45, "frequency", -0.62))), List.of(before));

        assertThat(r.labels()).containsExactly(new SegmentLabel("Lapsed, infrequent", "Win back"));
        assertThat(r.relabelled()).isEmpty();
    }

    @Test
    void aProfileThatMovedPastTheThresholdIsRelabelledAndSaysWhy() {
        LabelContinuity.Previous before = new LabelContinuity.Previous("Lapsed, infrequent", "Win back",
                Map.of("recency_days", 0.9, "frequency", -0.6));

        LabelContinuity.Result r = continuity.apply(new int[] {3}, List.of(new SegmentLabel("Recent", "Engage")),
                List.of(profile(Map.of("recency_days", -0.7, "frequency", -0.5))), List.of(before));

        assertThat(r.labels()).containsExactly(new SegmentLabel("Recent", "Engage"));
        assertThat(r.relabelled()).containsExactly("3: Lapsed, infrequent -> Recent (recency_days z -1.60)");
    }

    @Test
    void aNewSegmentWhoseFreshLabelAContinuingOneKeptIsNumbered() {
        LabelContinuity.Previous before = new LabelContinuity.Previous("High value", "Retain",
                Map.of("monetary", 1.0));

        LabelContinuity.Result r = continuity.apply(new int[] {1, 7},
                List.of(new SegmentLabel("High value, frequent", "Reward"), new SegmentLabel("High value", "Retain")),
                List.of(profile(Map.of("monetary", 1.1)), profile(Map.of("monetary", 1.4))),
                Arrays.asList(before, null));

        assertThat(r.labels()).extracting(SegmentLabel::label).containsExactly("High value", "High value 2");
    }

    @Test
    void zeroReDerivesEveryLabelAndANegativeThresholdIsRefused() {
        LabelContinuity.Previous before = new LabelContinuity.Previous("Old words", "a", Map.of("monetary", 1.0));

        LabelContinuity.Result r = new LabelContinuity(0).apply(new int[] {1}, List.of(new SegmentLabel("New", "b")),
                List.of(profile(Map.of("monetary", 1.01))), List.of(before));

        assertThat(r.labels()).extracting(SegmentLabel::label).containsExactly("New");
        assertThatThrownBy(() -> new LabelContinuity(-1)).hasMessageContaining("relabelZ");
    }

    private static SegmentProfile profile(Map<String, Double> z) {
        return new SegmentProfile(0, 10, Map.of(), z);
    }
}
