package io.segmenta.assigner.features;

import io.segmenta.avro.FeatureDef;
import io.segmenta.avro.FeatureSpec;
import io.segmenta.avro.FeatureTime;
import io.segmenta.avro.Transform;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FeatureSpecsTest {

    private static final List<FeatureDef> DEFS = List.of(
            FeatureDefs.numeric(FeatureCatalog.FREQUENCY).setTransform(Transform.LOG1P).build(),
            FeatureDefs.numeric(FeatureCatalog.MONETARY).build());
    private static final long LAST_EVENT = 1_000_000L;
    private static final long WINDOW_END = 5_000_000L;

    @Test
    void theWindowEndRuleKeepsTheHashOfSpecsWrittenBeforeTheReadTimeExisted() {
        FeatureSpec windowEnd = FeatureSpecs.of(DEFS, 30.0, FeatureTime.WINDOW_END);
        FeatureSpec lastEvent = FeatureSpecs.of(DEFS, 30.0, FeatureTime.LAST_EVENT);

        assertThat(windowEnd.getHash()).isEqualTo(FeatureSpecs.layoutHash(DEFS, 30.0));
        assertThat(FeatureSpecs.of(DEFS, 30.0)).isEqualTo(windowEnd);
        assertThat(lastEvent.getHash()).as("another read time reads other features").isNotEqualTo(windowEnd.getHash());
        assertThat(FeatureSpecs.readAt(windowEnd, FeatureTime.LAST_EVENT)).isEqualTo(lastEvent);
        assertThat(FeatureSpecs.readAt(lastEvent, FeatureTime.LAST_EVENT)).isSameAs(lastEvent);
        // and the vectorizer accepts both (it checks the hash against the layout, read time included)
        assertThat(FeatureVectorizer.compile(lastEvent).dimension()).isEqualTo(2);
    }

    @Test
    void aProfileIsReadAtTheLastEventOrAtTheLaterOfItAndTheWindowEnd() {
        FeatureSpec windowEnd = FeatureSpecs.of(DEFS, 30.0, FeatureTime.WINDOW_END);
        FeatureSpec lastEvent = FeatureSpecs.of(DEFS, 30.0, FeatureTime.LAST_EVENT);

        assertThat(FeatureSpecs.readAtMillis(lastEvent, LAST_EVENT, WINDOW_END)).isEqualTo(LAST_EVENT);
        assertThat(FeatureSpecs.readAtMillis(windowEnd, LAST_EVENT, WINDOW_END)).isEqualTo(WINDOW_END);
        assertThat(FeatureSpecs.readAtMillis(windowEnd, WINDOW_END + 1, WINDOW_END)).isEqualTo(WINDOW_END + 1);
    }
}
