package io.segmenta.assigner.features;

import io.segmenta.avro.FeatureKind;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeatureCatalogTest {

    @Test
    void standardCatalogListsProfileFeaturesWithTheirKinds() {
        FeatureCatalog catalog = FeatureCatalog.standard();
        assertThat(catalog.names()).startsWith(FeatureCatalog.RECENCY_DAYS, FeatureCatalog.FREQUENCY, FeatureCatalog.MONETARY)
                .contains(FeatureCatalog.CATEGORY_DIVERSITY, FeatureCatalog.AGE, FeatureCatalog.INCOME)
                .endsWith(FeatureCatalog.GENDER, FeatureCatalog.COUNTRY, FeatureCatalog.CHANNEL)
                .contains(FeatureCatalog.PURCHASE_RATE, FeatureCatalog.SPEND_RATE, FeatureCatalog.SESSION_RATE,
                        FeatureCatalog.PAGE_VIEW_RATE)
                .hasSize(20);
        assertThat(catalog.kindOf(FeatureCatalog.MONETARY)).contains(FeatureKind.NUMERIC);
        assertThat(catalog.kindOf(FeatureCatalog.COUNTRY)).contains(FeatureKind.CATEGORICAL);
        assertThat(catalog.kindOf("attr.shoe_size")).isEmpty();
        assertThat(catalog.contains("recency_days")).isTrue();
    }

    @Test
    void customCatalogKeepsOrderAndIsImmutable() {
        FeatureCatalog catalog = FeatureCatalog.of(Map.of("spend", FeatureKind.NUMERIC));
        assertThat(catalog.names()).containsExactly("spend");
        assertThatThrownBy(() -> catalog.names().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void customCatalogRejectsBlankNames() {
        assertThatThrownBy(() -> FeatureCatalog.of(Map.of(" ", FeatureKind.NUMERIC)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
