package io.segmenta.fitting.features;

import io.segmenta.assigner.features.FeatureSpecs;
import io.segmenta.avro.FeatureDef;
import io.segmenta.avro.FeatureKind;
import io.segmenta.avro.FeatureSpec;
import io.segmenta.avro.Imputation;
import io.segmenta.avro.Scaling;
import io.segmenta.avro.Transform;
import io.segmenta.assigner.features.MapFeatureSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FeatureSpecFitterTest {

    private static final List<MapFeatureSource> ROWS = List.of(
            new MapFeatureSource().with("monetary", 10).with("refunds", 0).with("channel", "web"),
            new MapFeatureSource().with("monetary", 20).with("refunds", 0).with("channel", "store"),
            new MapFeatureSource().with("monetary", 30).with("refunds", 0).with("channel", "web"),
            new MapFeatureSource().with("refunds", 4),
            new MapFeatureSource().with("monetary", 1000).with("refunds", 0).with("channel", "app"));

    @Test
    void standardScalingAfterMedianImputation() {
        FeatureDef f = fit(FeatureColumn.numeric("monetary"));
        // median of 10, 20, 30, 1000 is 25; the values are then 10, 20, 30, 25, 1000
        assertThat(f.getImputeValue()).isEqualTo(25.0);
        assertThat(f.getCenter()).isCloseTo(217.0, within(1e-9));
        double var = (Math.pow(10 - 217, 2) + Math.pow(20 - 217, 2) + Math.pow(30 - 217, 2) + Math.pow(25 - 217, 2)
                + Math.pow(1000 - 217, 2)) / 5;
        assertThat(f.getScale()).isCloseTo(Math.sqrt(var), within(1e-9));
    }

    @Test
    void meanConstantAndMostFrequentImputation() {
        assertThat(fit(FeatureColumn.numeric("monetary").withImpute(Imputation.MEAN)).getImputeValue())
                .isCloseTo(265.0, within(1e-9));
        assertThat(fit(FeatureColumn.numeric("monetary").withImputeConstant(-1)).getImputeValue()).isEqualTo(-1.0);
        assertThat(fit(FeatureColumn.numeric("refunds").withImpute(Imputation.MOST_FREQUENT)).getImputeValue())
                .isEqualTo(0.0);
    }

    @Test
    void robustScalingUsesMedianAndIqrAndFallsBackWhenTheIqrIsZero() {
        FeatureDef f = fit(FeatureColumn.numeric("monetary").withScaling(Scaling.ROBUST));
        // values 10, 20, 25, 30, 1000: median 25, quartiles 20 and 30
        assertThat(f.getCenter()).isEqualTo(25.0);
        assertThat(f.getScale()).isEqualTo(10.0);
        FeatureDef refunds = fit(FeatureColumn.numeric("refunds").withScaling(Scaling.ROBUST));
        assertThat(refunds.getScale()).isCloseTo(1.6, within(1e-9));
    }

    @Test
    void aConstantFeatureIsNeverScaledByZero() {
        List<MapFeatureSource> rows = List.of(new MapFeatureSource().with("x", 3), new MapFeatureSource().with("x", 3));
        FeatureSpec spec = FeatureSpecFitter.fit(List.of(FeatureColumn.numeric("x")), rows, 30);
        assertThat(spec.getFeatures().get(0).getScale()).isEqualTo(1.0);
        FeatureSpec robust = FeatureSpecFitter.fit(List.of(FeatureColumn.numeric("x").withScaling(Scaling.ROBUST)),
                rows, 30);
        assertThat(robust.getFeatures().get(0).getScale()).isEqualTo(1.0);
    }

    @Test
    void clipAndLog1pComeBeforeScaling() {
        FeatureDef f = fit(FeatureColumn.numeric("monetary").withClip(0.0, 100.0).withTransform(Transform.LOG1P)
                .withScaling(Scaling.STANDARD));
        double[] t = {Math.log1p(10), Math.log1p(20), Math.log1p(30), Math.log1p(25), Math.log1p(100)};
        double mean = (t[0] + t[1] + t[2] + t[3] + t[4]) / 5;
        assertThat(f.getCenter()).isCloseTo(mean, within(1e-12));
        assertThat(f.getClipMax()).isEqualTo(100.0);
        assertThat(f.getTransform()).isEqualTo(Transform.LOG1P);
    }

    @Test
    void categoriesMostFrequentFirstBoundedAndImputed() {
        FeatureDef f = fit(FeatureColumn.categorical("channel"));
        assertThat(f.getImputeCategory()).isEqualTo("web");
        assertThat(f.getCategories()).containsExactly("web", "app", "store");
        assertThat(fit(FeatureColumn.categorical("channel").withMaxCategories(2)).getCategories())
                .containsExactly("web", "app");
        FeatureDef constant = fit(FeatureColumn.categorical("channel").withImputeCategory("unknown"));
        assertThat(constant.getCategories()).containsExactly("web", "app", "store", "unknown");
    }

    @Test
    void theSpecIsCompleteWithDimensionAndLayoutHash() {
        List<FeatureColumn> columns = List.of(FeatureColumn.numeric("monetary"), FeatureColumn.categorical("channel"));
        FeatureSpec spec = FeatureSpecFitter.fit(columns, ROWS, 14);
        assertThat(spec.getDimension()).isEqualTo(1 + 3);
        assertThat(spec.getHalfLifeDays()).isEqualTo(14);
        assertThat(spec.getHash()).isEqualTo(FeatureSpecs.layoutHash(spec.getFeatures(), 14));
        // refitting on other rows moves the fitted values, not the layout
        List<MapFeatureSource> other = new ArrayList<>(ROWS);
        other.add(new MapFeatureSource().with("monetary", 5).with("channel", "web"));
        FeatureSpec refit = FeatureSpecFitter.fit(columns, other, 14);
        assertThat(refit.getHash()).isEqualTo(spec.getHash());
        assertThat(refit.getFeatures().get(0).getCenter()).isNotEqualTo(spec.getFeatures().get(0).getCenter());
    }

    @Test
    void log1pTakesAValueBelowMinusOneAsTheAssignerDoes() {
        FeatureSpec spec = FeatureSpecFitter.fit(List.of(FeatureColumn.numeric("monetary")
                .withTransform(Transform.LOG1P).withScaling(Scaling.STANDARD)), List.of(
                new MapFeatureSource().with("monetary", -3), new MapFeatureSource().with("monetary", 3)), 30);

        assertThat(spec.getFeatures().get(0).getCenter()).isEqualTo(0.0, within(1e-12));
        assertThat(spec.getFeatures().get(0).getScale()).isEqualTo(Math.log1p(3), within(1e-12));
    }

    @Test
    void rejectsInvalidConfigurations() {
        assertThatThrownBy(() -> FeatureColumn.numeric(" ")).hasMessageContaining("must not be blank");
        assertThatThrownBy(() -> FeatureColumn.categorical("c").withScaling(Scaling.STANDARD))
                .hasMessageContaining("takes no transform, scaling or clipping");
        assertThatThrownBy(() -> FeatureColumn.categorical("c").withImpute(Imputation.MEAN))
                .hasMessageContaining("NONE, CONSTANT or MOST_FREQUENT");
        assertThatThrownBy(() -> FeatureColumn.numeric("x").withClip(5.0, 1.0)).hasMessageContaining("exceeds clipMax");
        assertThatThrownBy(() -> new FeatureColumn("c", FeatureKind.CATEGORICAL, Imputation.CONSTANT, 0, null, null,
                null, Transform.NONE, Scaling.NONE, 5)).hasMessageContaining("needs an imputeCategory");
        assertThatThrownBy(() -> FeatureSpecFitter.fit(List.of(FeatureColumn.numeric("missing")), ROWS, 30))
                .hasMessageContaining("no observed value");
        assertThatThrownBy(() -> FeatureSpecFitter.fit(List.of(FeatureColumn.numeric("monetary"),
                FeatureColumn.numeric("monetary")), ROWS, 30)).hasMessageContaining("listed twice");
        assertThatThrownBy(() -> FeatureSpecFitter.fit(List.of(FeatureColumn.numeric("monetary")
                .withTransform(Transform.LOG1P)), List.of(new MapFeatureSource().with("monetary",
                Double.POSITIVE_INFINITY)), 30)).hasMessageContaining("infinite value");
        assertThatThrownBy(() -> FeatureSpecFitter.fit(List.of(FeatureColumn.numeric("monetary")), ROWS, 0))
                .hasMessageContaining("halfLifeDays");
    }

    private static FeatureDef fit(FeatureColumn column) {
        return FeatureSpecFitter.fit(List.of(column), ROWS, 30).getFeatures().get(0);
    }
}
