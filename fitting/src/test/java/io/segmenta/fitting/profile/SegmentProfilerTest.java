package io.segmenta.fitting.profile;

import io.segmenta.assigner.features.MapFeatureSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SegmentProfilerTest {

    @Test
    void meansAndZScoresInOriginalUnits() {
        double[][] raw = {{10, 1}, {20, 1}, {30, 3}, {40, Double.NaN}};
        List<SegmentProfile> p = SegmentProfiler.profile(raw, List.of("monetary", "frequency"),
                new int[] {0, 0, 1, 1}, 2);
        assertThat(p).hasSize(2);
        assertThat(p.get(0).size()).isEqualTo(2);
        assertThat(p.get(0).means()).containsEntry("monetary", 15.0).containsEntry("frequency", 1.0);
        // the missing frequency is skipped: segment 1 averages only the 3
        assertThat(p.get(1).means().get("frequency")).isEqualTo(3.0);
        // monetary: population mean 25, sd sqrt(125)
        assertThat(p.get(0).zScores().get("monetary")).isCloseTo(-10 / Math.sqrt(125), within(1e-12));
        assertThat(p.get(1).zScores().get("monetary")).isCloseTo(10 / Math.sqrt(125), within(1e-12));
        assertThat(p.get(0).means().keySet()).containsExactly("monetary", "frequency");
    }

    @Test
    void aConstantFeatureHasZeroZScoreAndAnEmptyClusterNoMeans() {
        double[][] raw = {{1}, {1}};
        List<SegmentProfile> p = SegmentProfiler.profile(raw, List.of("x"), new int[] {0, 0}, 2);
        assertThat(p.get(0).zScores()).containsEntry("x", 0.0);
        assertThat(p.get(1).size()).isZero();
        assertThat(p.get(1).means()).isEmpty();
    }

    @Test
    void featureSourcesWithCategoricalShares() {
        List<MapFeatureSource> rows = List.of(
                new MapFeatureSource().with("monetary", 100).with("channel", "web"),
                new MapFeatureSource().with("monetary", 300).with("channel", "web"),
                new MapFeatureSource().with("monetary", 50).with("channel", "store"),
                new MapFeatureSource().with("channel", "store"));
        List<SegmentProfile> p = SegmentProfiler.profile(rows, List.of("monetary"), List.of("channel"),
                new int[] {0, 0, 1, 1}, 2);
        assertThat(p.get(0).means()).containsEntry("monetary", 200.0).containsEntry("channel=web", 1.0)
                .containsEntry("channel=store", 0.0);
        assertThat(p.get(1).means()).containsEntry("monetary", 50.0).containsEntry("channel=store", 1.0);
    }

    @Test
    void rejectsMismatchedInput() {
        assertThatThrownBy(() -> SegmentProfiler.profile(new double[][] {{1}}, List.of("a", "b"), new int[] {0}, 1))
                .hasMessageContaining("names has 2 entries for 1 columns");
        assertThatThrownBy(() -> SegmentProfiler.profile(new double[][] {{1}}, List.of("a"), new int[] {3}, 2))
                .hasMessageContaining("outside 0..1");
    }
}
