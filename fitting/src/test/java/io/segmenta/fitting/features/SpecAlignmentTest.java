package io.segmenta.fitting.features;

import io.segmenta.avro.FeatureDef;
import io.segmenta.avro.FeatureSpec;
import io.segmenta.assigner.features.MapFeatureSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SpecAlignmentTest {

    private static final List<FeatureColumn> COLUMNS = List.of(FeatureColumn.numeric("monetary"),
            FeatureColumn.categorical("channel"));

    @Test
    void aVectorScaledWithTheOldSpecMapsToTheSameCustomerScaledWithTheNewOne() {
        FeatureSpec a = FeatureSpecFitter.fit(COLUMNS, List.of(row(10, "web"), row(30, "app"), row(20, "web")), 30);
        FeatureSpec b = FeatureSpecFitter.fit(COLUMNS, List.of(row(100, "web"), row(50, "app"), row(0, "web")), 30);
        SpecAlignment align = SpecAlignment.between(a, b);
        double raw = 42;
        double[] inA = {scale(raw, a.getFeatures().get(0)), 0, 1};
        double[] inB = {scale(raw, b.getFeatures().get(0)), 0, 1};
        assertThat(align.vector(inA)).containsExactly(inB, within(1e-12));
        double ratio = a.getFeatures().get(0).getScale() / b.getFeatures().get(0).getScale();
        assertThat(align.covariance(new double[] {2, 1, 1})).containsExactly(new double[] {2 * ratio * ratio, 1, 1},
                within(1e-12));
    }

    @Test
    void specsWithDifferentLayoutsCannotBeAligned() {
        FeatureSpec a = FeatureSpecFitter.fit(COLUMNS, List.of(row(10, "web")), 30);
        FeatureSpec b = FeatureSpecFitter.fit(COLUMNS, List.of(row(10, "app")), 30);
        assertThat(SpecAlignment.compatible(a, b)).isFalse();
        assertThatThrownBy(() -> SpecAlignment.between(a, b)).hasMessageContaining("different layouts");
    }

    private static double scale(double raw, FeatureDef f) {
        return (raw - f.getCenter()) / f.getScale();
    }

    private static MapFeatureSource row(double monetary, String channel) {
        return new MapFeatureSource().with("monetary", monetary).with("channel", channel);
    }
}
