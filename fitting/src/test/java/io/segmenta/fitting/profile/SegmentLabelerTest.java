package io.segmenta.fitting.profile;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SegmentLabelerTest {

    private final SegmentLabeler labeler = new SegmentLabeler();

    @Test
    void rfmPhrases() {
        SegmentLabel l = one(z("monetary", 1.9, "frequency", 1.4, "recency_days", -1.1, "tenure_days", 0.1));
        assertThat(l.label()).isEqualTo("High value, frequent, recent");
        assertThat(l.suggestedAction()).contains("loyalty");
        assertThat(one(z("recency_days", 1.5, "frequency", -0.9)).label()).isEqualTo("Lapsed, infrequent");
        assertThat(one(z("refund_rate", 2.2)).label()).isEqualTo("Refund-prone");
    }

    @Test
    void pageViewsHighAndConversionLowAreWindowShoppers() {
        SegmentLabel l = one(z("page_views", 1.2, "conversion_rate", -0.8, "monetary", -0.6));
        assertThat(l.label()).isEqualTo("Window shoppers, low value");
        assertThat(l.suggestedAction()).contains("retargeting");
    }

    @Test
    void unknownNamesGetAGenericPhraseAndKnownWordsInsideNamesAreFound() {
        assertThat(one(z("Annual Income (k$)", 1.3, "Spending Score (1-100)", -1.2)).label())
                .isEqualTo("High income, low spending");
        SegmentLabel generic = one(z("attr.basket_diversity", 0.9));
        assertThat(generic.label()).isEqualTo("High basket diversity");
        assertThat(generic.suggestedAction()).contains("high basket diversity");
    }

    @Test
    void aCategoricalFeatureReadsAsTheShareOfItsOverRepresentedValueNotAsOneHotColumns() {
        SegmentProfile women = new SegmentProfile(0, 10, Map.of("Genre=Female", 0.9, "Genre=Male", 0.1),
                z("Genre=Female", 0.8, "Genre=Male", -0.8, "Annual Income (k$)", -0.6));
        SegmentProfile french = new SegmentProfile(1, 10, Map.of("country=France", 0.7, "country=Spain", 0.1),
                z("country=France", 1.6, "country=Spain", -0.4));

        List<SegmentLabel> labels = labeler.label(List.of(women, french));

        assertThat(labels).extracting(SegmentLabel::label).containsExactly("Mostly Female, low income",
                "70 % France");
    }

    @Test
    void theOverRepresentedValueIsSaidWhicheverColumnComesFirst() {
        SegmentProfile men = new SegmentProfile(0, 10, Map.of("Genre=Female", 0.05, "Genre=Male", 0.95),
                z("Genre=Female", -0.9, "Genre=Male", 0.9));

        assertThat(labeler.label(List.of(men)).get(0).label()).isEqualTo("Mostly Male");
    }

    @Test
    void anUnderRepresentedValueAloneIsNotSaid() {
        SegmentProfile fewMen = new SegmentProfile(0, 10, Map.of("Genre=Male", 0.2), z("Genre=Male", -0.9,
                "monetary", 0.7));

        assertThat(labeler.label(List.of(fewMen)).get(0).label()).isEqualTo("High value");
    }

    @Test
    void lifecycleWordsFollowAbsoluteDaysNotZScores() {
        // tenure 95 days is "newer than the others" by z, but not new; no event for 120 days is lapsed
        SegmentProfile monthly = new SegmentProfile(0, 10, Map.of("tenure_days", 95.0, "recency_days", 20.0,
                "monetary", 800.0), z("tenure_days", -1.4, "recency_days", -0.3, "monetary", 1.2));
        SegmentProfile gone = new SegmentProfile(1, 10, Map.of("tenure_days", 300.0, "recency_days", 120.0),
                z("tenure_days", 0.2, "recency_days", 0.3));
        SegmentProfile newcomers = new SegmentProfile(2, 10, Map.of("tenure_days", 12.0, "recency_days", 3.0),
                z("tenure_days", -2.0, "recency_days", -1.0));

        List<SegmentLabel> labels = labeler.label(List.of(monthly, gone, newcomers));

        assertThat(labels).extracting(SegmentLabel::label).containsExactly("High value", "Lapsed",
                "New, recent");
    }

    @Test
    void theLifecycleThresholdsAreConfigurable() {
        SegmentProfile p = new SegmentProfile(0, 10, Map.of("tenure_days", 50.0, "recency_days", 45.0),
                z("tenure_days", -0.1, "recency_days", 0.1));

        assertThat(new SegmentLabeler(Lifecycle.DEFAULTS.withNewAndLapsedDays(60, 60)).label(List.of(p)).get(0)
                .label()).isEqualTo("New");
        assertThat(new SegmentLabeler(Lifecycle.DEFAULTS.withNewAndLapsedDays(20, 40)).label(List.of(p)).get(0)
                .label()).isEqualTo("Lapsed");
        assertThatThrownBy(() -> Lifecycle.DEFAULTS.withNewAndLapsedDays(60, 40)).hasMessageContaining("both new and");
        assertThatThrownBy(() -> new Lifecycle(30, 20, 14, 90)).hasMessageContaining("newDays < longStandingDays");
    }

    @Test
    void aSegmentWithoutDistinctiveFeaturesIsTypical() {
        SegmentLabel l = one(z("monetary", 0.1, "frequency", -0.2));
        assertThat(l.label()).isEqualTo("Typical customers");
        assertThat(l.suggestedAction()).contains("general programme");
    }

    @Test
    void labelsAreDistinct() {
        List<SegmentLabel> labels = labeler.label(List.of(
                profile(0, z("monetary", 2.0, "frequency", 0.3)),
                profile(1, z("monetary", 1.5, "frequency", -0.3)),
                profile(2, z("monetary", 0.1)),
                profile(3, z("frequency", 0.05)),
                profile(4, Map.of())));
        assertThat(labels).extracting(SegmentLabel::label).doesNotHaveDuplicates()
                .containsExactly("High value, slightly frequent", "High value, slightly infrequent",
                        "Slightly high value", "Slightly frequent", "Typical customers");
    }

    @Test
    void identicalProfilesStillGetDistinctLabels() {
        List<SegmentLabel> labels = labeler.label(List.of(profile(0, z("monetary", 2.0)),
                profile(1, z("monetary", 2.0))));
        assertThat(labels).extracting(SegmentLabel::label).containsExactly("High value", "High value 2");
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> new SegmentLabeler(-1, 3)).hasMessageContaining("minAbsZ");
        assertThatThrownBy(() -> new SegmentLabeler(0.5, 0)).hasMessageContaining("maxPhrases");
    }

    private SegmentLabel one(Map<String, Double> z) {
        return labeler.label(List.of(profile(0, z))).get(0);
    }

    private static SegmentProfile profile(int cluster, Map<String, Double> z) {
        return new SegmentProfile(cluster, 10, Map.of(), z);
    }

    private static Map<String, Double> z(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        }
        return m;
    }
}
