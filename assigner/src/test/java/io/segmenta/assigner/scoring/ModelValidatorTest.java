package io.segmenta.assigner.scoring;

import io.segmenta.assigner.IncompatibleModelException;
import io.segmenta.assigner.features.FeatureVectorizer;
import io.segmenta.avro.Algorithm;
import io.segmenta.avro.FeatureSpec;
import io.segmenta.avro.Segment;
import io.segmenta.avro.SegmentModel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelValidatorTest {

    private static final int D = 3;
    private final ModelValidator validator = TestModels.validator(D);

    private static SegmentModel kmeans() {
        return TestModels.kmeans(new Random(1), 3, D);
    }

    private static SegmentModel diagonal() {
        return TestModels.gmmDiagonal(new Random(2), 3, D);
    }

    private static SegmentModel full() {
        return TestModels.gmmFull(new Random(3), 3, D);
    }

    /** The model with its first segment changed. */
    private static SegmentModel withFirstSegment(SegmentModel model, UnaryOperator<Segment.Builder> change) {
        List<Segment> segments = new ArrayList<>(model.getSegments());
        segments.set(0, change.apply(Segment.newBuilder(segments.get(0))).build());
        return SegmentModel.newBuilder(model).setSegments(segments).build();
    }

    private void assertRefused(SegmentModel model, String... fragments) {
        assertThatThrownBy(() -> validator.validate(model))
                .isInstanceOf(IncompatibleModelException.class)
                .hasMessageStartingWith("model 'test' v7: ")
                .hasMessageContainingAll(fragments);
    }

    @Test
    void acceptsSoundModelsAndReturnsTheirVectorizer() {
        for (SegmentModel model : List.of(kmeans(), diagonal(), full())) {
            FeatureVectorizer vectorizer = validator.validate(model);
            assertThat(vectorizer.dimension()).isEqualTo(D);
            assertThat(vectorizer.specHash()).isEqualTo(model.getFeatureSpec().getHash());
        }
    }

    @Test
    void refusesUnknownAlgorithm() {
        assertRefused(SegmentModel.newBuilder(kmeans()).setAlgorithm(Algorithm.UNKNOWN).build(), "algorithm UNKNOWN");
    }

    @Test
    void refusesASpecWhoseHashDoesNotMatchItsLayout() {
        SegmentModel model = kmeans();
        FeatureSpec tampered = FeatureSpec.newBuilder(model.getFeatureSpec()).setHalfLifeDays(7.0).build();
        assertRefused(SegmentModel.newBuilder(model).setFeatureSpec(tampered).build(),
                "does not match its layout", model.getFeatureSpec().getHash());
    }

    @Test
    void refusesAnUnexpectedSpecHashWhenOneIsConfigured() {
        SegmentModel model = kmeans();
        assertThat(validator.expectingSpecHash(model.getFeatureSpec().getHash()).validate(model)).isNotNull();
        assertThatThrownBy(() -> validator.expectingSpecHash("abc123").validate(model))
                .isInstanceOf(IncompatibleModelException.class).hasMessageContaining("differs from the expected abc123");
    }

    @Test
    void refusesAWrongDimension() {
        SegmentModel model = kmeans();
        FeatureSpec wrong = FeatureSpec.newBuilder(model.getFeatureSpec()).setDimension(D + 1).build();
        assertRefused(SegmentModel.newBuilder(model).setFeatureSpec(wrong).build(), "dimension is 4", "produce 3 columns");
    }

    @Test
    void refusesAFeatureUnknownToTheCatalog() {
        assertThatThrownBy(() -> ModelValidator.standard().validate(kmeans()))
                .isInstanceOf(IncompatibleModelException.class)
                .hasMessageStartingWith("model 'test' v7: ").hasMessageContaining("'f0'").hasMessageContaining("unknown feature");
    }

    @Test
    void refusesCentroidsOfTheWrongLengthOrWithNonFiniteValues() {
        assertRefused(withFirstSegment(kmeans(), s -> s.setCentroid(List.of(1.0, 2.0))), "centroid has 2 values, expected 3");
        assertRefused(withFirstSegment(kmeans(), s -> s.setCentroid(List.of(1.0, Double.NaN, 2.0))), "non-finite value NaN at index 1");
        assertRefused(withFirstSegment(diagonal(), s -> s.setCentroid(List.of(1.0, 2.0, Double.POSITIVE_INFINITY))), "non-finite");
    }

    @Test
    void refusesEmptyAndDuplicateSegments() {
        assertRefused(SegmentModel.newBuilder(kmeans()).setSegments(List.of()).build(), "has no segments");
        SegmentModel model = kmeans();
        int otherId = model.getSegments().get(1).getSegmentId();
        assertRefused(withFirstSegment(model, s -> s.setSegmentId(otherId)), "segment " + otherId, "more than once");
        assertRefused(withFirstSegment(model, s -> s.setSize(-1)), "negative size");
    }

    @Test
    void refusesGaussianComponentsWithoutUsableWeightOrCovariance() {
        assertRefused(withFirstSegment(diagonal(), s -> s.setWeight(null)), "positive finite GMM weight");
        assertRefused(withFirstSegment(diagonal(), s -> s.setWeight(0.0)), "positive finite GMM weight");
        assertRefused(withFirstSegment(diagonal(), s -> s.setCovariance(null)), "has no covariance");
        assertRefused(withFirstSegment(diagonal(), s -> s.setCovariance(List.of(1.0, 1.0))), "covariance has 2 values, expected 3");
        assertRefused(withFirstSegment(diagonal(), s -> s.setCovariance(List.of(1.0, 0.0, 1.0))), "non-positive variance 0.0 in column 1");
        assertRefused(withFirstSegment(full(), s -> s.setCovariance(List.of(1.0, 0.0, 1.0))), "covariance has 3 values, expected 9");
        assertRefused(withFirstSegment(full(), s -> s.setCovariance(List.of(1.0, 0.5, 0.0, 0.4, 1.0, 0.0, 0.0, 0.0, 1.0))),
                "not symmetric at (0, 1)");
    }

    @Test
    void kMeansIgnoresGaussianFields() {
        assertThat(validator.validate(withFirstSegment(kmeans(), s -> s.setWeight(null).setCovariance(null)))).isNotNull();
    }
}
