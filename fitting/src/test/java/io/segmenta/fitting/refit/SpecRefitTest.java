package io.segmenta.fitting.refit;

import io.segmenta.assigner.features.FeatureVectorizer;
import io.segmenta.avro.FeatureDef;
import io.segmenta.avro.Scaling;
import io.segmenta.avro.SegmentModel;
import io.segmenta.avro.Transform;
import io.segmenta.fitting.Blobs;
import io.segmenta.fitting.features.FeatureColumn;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.segmenta.fitting.refit.Windows.A;
import static io.segmenta.fitting.refit.Windows.B;
import static io.segmenta.fitting.refit.Windows.first;
import static io.segmenta.fitting.refit.Windows.known;
import static io.segmenta.fitting.refit.Windows.sampleOnly;
import static io.segmenta.fitting.refit.Windows.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * What becomes of the feature spec on a refit from the sample: re-fitted, or the parent's kept with the reason
 * (never silently): in the outcome and in the model's {@value SpecRefit#TAG} tag.
 */
class SpecRefitTest {

    private static final Blobs BLOBS = Blobs.generate(3, 2, 100, 6, 8, 3);

    /** Standardised columns, so that a re-fit visibly moves the centre. */
    private static final List<FeatureColumn> STANDARD = List.of(FeatureColumn.numeric(A).withScaling(Scaling.STANDARD),
            FeatureColumn.numeric(B).withScaling(Scaling.STANDARD));

    private static RefitPolicy policy(List<FeatureColumn> columns) {
        return new RefitPolicy(settings(3, 3).toBuilder().features(columns).build(), Clock.systemUTC());
    }

    private static SegmentModel parent(List<FeatureColumn> columns, double[][] rows) {
        return policy(columns).apply(first(rows)).model();
    }

    private static double[][] shifted(double[][] rows, double by) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = new double[] {rows[i][0] + by, rows[i][1] + by};
        }
        return out;
    }

    @Test
    void aSampleRefitReFitsCentreAndScaleOnTheWindow() {
        SegmentModel parent = parent(STANDARD, BLOBS.rows());
        double[][] week = shifted(Blobs.around(BLOBS.centers(), 100, new Random(5)).rows(), 3);

        RefitOutcome outcome = policy(STANDARD).apply(sampleOnly(known(week, parent), parent));

        assertThat(outcome.specRefit().status()).isEqualTo(SpecRefit.Status.REFITTED);
        FeatureDef before = parent.getFeatureSpec().getFeatures().get(0);
        FeatureDef after = outcome.model().getFeatureSpec().getFeatures().get(0);
        assertThat(after.getCenter()).isCloseTo(before.getCenter() + 3, org.assertj.core.data.Offset.offset(0.5));
        assertThat(outcome.model().getFeatureSpec().getHash()).isEqualTo(parent.getFeatureSpec().getHash());
        assertThat(outcome.model().getTags().get(SpecRefit.TAG)).isEqualTo("refitted: re-fitted on 300 sampled customers");
    }

    @Test
    void keepsTheParentsSpecWhenAFeatureHasNoObservedValueInTheWindow() {
        SegmentModel parent = parent(STANDARD, BLOBS.rows());
        List<SampledCustomer> noFrequency = new ArrayList<>();
        for (double[] r : Blobs.around(BLOBS.centers(), 100, new Random(5)).rows()) {
            noFrequency.add(SampledCustomer.newcomer(Windows.source(r[0], Double.NaN)));
        }

        RefitOutcome outcome = policy(STANDARD).apply(sampleOnly(noFrequency, parent));

        assertThat(outcome.specRefit().status()).isEqualTo(SpecRefit.Status.KEPT_PARENT);
        assertThat(outcome.specRefit().reason()).isEqualTo("no observed value of [frequency] in this window's sample");
        assertThat(outcome.specRefit().spec()).isEqualTo(parent.getFeatureSpec());
        assertThat(outcome.model().getFeatureSpec()).isEqualTo(parent.getFeatureSpec());
        assertThat(outcome.model().getTags().get(SpecRefit.TAG)).startsWith("kept_parent: no observed value");
    }

    @Test
    void keepsTheParentsSpecWhenTheWindowHasAValueTheFitterCannotTake() {
        List<FeatureColumn> logged = List.of(FeatureColumn.numeric(A).withTransform(Transform.LOG1P),
                FeatureColumn.numeric(B));
        double[][] positive = shifted(BLOBS.rows(), 30);
        SegmentModel parent = parent(logged, positive);
        double[][] week = shifted(Blobs.around(BLOBS.centers(), 100, new Random(5)).rows(), 30);
        week[0][0] = Double.POSITIVE_INFINITY; // no scaler can be fitted on an infinite value

        RefitOutcome outcome = policy(logged).apply(sampleOnly(known(week, parent), parent));

        assertThat(outcome.specRefit().status()).isEqualTo(SpecRefit.Status.KEPT_PARENT);
        assertThat(outcome.specRefit().reason()).startsWith("this window's sample cannot be fitted: ")
                .contains("infinite value");
        assertThat(outcome.specRefit().spec()).isEqualTo(parent.getFeatureSpec());
    }

    @Test
    void aValueBelowMinusOneIsLoggedAsTheAssignerLogsIt() {
        List<FeatureColumn> logged = List.of(FeatureColumn.numeric(A).withTransform(Transform.LOG1P)
                .withScaling(Scaling.NONE), FeatureColumn.numeric(B));
        double[][] positive = shifted(BLOBS.rows(), 30);
        SegmentModel parent = parent(logged, positive);
        double[][] week = shifted(Blobs.around(BLOBS.centers(), 100, new Random(5)).rows(), 30);
        week[0][0] = -5;

        RefitOutcome outcome = policy(logged).apply(sampleOnly(known(week, parent), parent));

        assertThat(outcome.specRefit().status()).isEqualTo(SpecRefit.Status.REFITTED);
        FeatureVectorizer vectorizer = FeatureVectorizer.compile(outcome.model().getFeatureSpec());
        assertThat(vectorizer.vectorize(Windows.source(-5, 0))[0]).isEqualTo(-Math.log1p(5), within(1e-12));
    }

    @Test
    void keepsTheParentsSpecWhenTheSettingsNoLongerConfigureOneOfItsFeatures() {
        SegmentModel parent = parent(STANDARD, BLOBS.rows());
        double[][] week = Blobs.around(BLOBS.centers(), 100, new Random(5)).rows();

        RefitOutcome outcome = policy(List.of(STANDARD.get(0))).apply(sampleOnly(known(week, parent), parent));

        assertThat(outcome.specRefit().status()).isEqualTo(SpecRefit.Status.KEPT_PARENT);
        assertThat(outcome.specRefit().reason()).contains("no longer configure [frequency]");
    }
}
