package io.segmenta.assigner.features;

import io.segmenta.assigner.IncompatibleModelException;
import io.segmenta.avro.FeatureDef;
import io.segmenta.avro.FeatureKind;
import io.segmenta.avro.FeatureSpec;
import io.segmenta.avro.Imputation;
import io.segmenta.avro.Scaling;
import io.segmenta.avro.Transform;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeatureVectorizerTest {

    private static final double IMPUTE = 5, CLIP_MIN = 0, CLIP_MAX = 100, CENTER = 2, SCALE = 0.5;

    /** monetary: impute, clip, log1p, standard scale; country: one-hot, imputed; recency: robust scale only. */
    private static FeatureSpec spec() {
        return FeatureSpecs.of(List.of(
                FeatureDefs.numeric(FeatureCatalog.MONETARY).setImpute(Imputation.MEDIAN).setImputeValue(IMPUTE)
                        .setClipMin(CLIP_MIN).setClipMax(CLIP_MAX).setTransform(Transform.LOG1P)
                        .setScaling(Scaling.STANDARD).setCenter(CENTER).setScale(SCALE).build(),
                FeatureDefs.numeric(FeatureCatalog.COUNTRY).setKind(FeatureKind.CATEGORICAL)
                        .setImpute(Imputation.MOST_FREQUENT).setImputeCategory("GB")
                        .setCategories(List.of("GB", "FR", "DE")).build(),
                FeatureDefs.numeric(FeatureCatalog.RECENCY_DAYS)
                        .setScaling(Scaling.ROBUST).setCenter(10).setScale(4).build()), 30.0);
    }

    private static double expectedMonetary(double raw) {
        double x = Double.isFinite(raw) ? raw : IMPUTE;
        x = Math.min(Math.max(x, CLIP_MIN), CLIP_MAX);
        return (StrictMath.log1p(x) - CENTER) / SCALE;
    }

    @Test
    void appliesImputeClipTransformScaleInOrder() {
        FeatureVectorizer v = FeatureVectorizer.compile(spec());
        for (double raw : new double[] {1000, 37, -3, Double.NaN, Double.POSITIVE_INFINITY}) {
            double[] out = v.vectorize(new MapFeatureSource().with(FeatureCatalog.MONETARY, raw)
                    .with(FeatureCatalog.RECENCY_DAYS, 18).with(FeatureCatalog.COUNTRY, "FR"));
            assertThat(out[0]).as("monetary %s", raw).isEqualTo(expectedMonetary(raw));
            assertThat(out[4]).isEqualTo((18 - 10) / 4.0);
        }
        // clip happens before the transform: log1p(1000) would not be clipped at 100
        double[] clipped = v.vectorize(new MapFeatureSource().with(FeatureCatalog.MONETARY, 1000));
        assertThat(clipped[0]).isEqualTo((StrictMath.log1p(100) - CENTER) / SCALE);
    }

    @Test
    void oneHotSetsTheListedCategoryImputesNullAndIgnoresUnknown() {
        FeatureVectorizer v = FeatureVectorizer.compile(spec());
        double[] out = new double[v.dimension()];
        v.vectorize(new MapFeatureSource().with(FeatureCatalog.COUNTRY, "DE"), out);
        assertThat(Arrays.copyOfRange(out, 1, 4)).containsExactly(0, 0, 1);
        v.vectorize(new MapFeatureSource().with(FeatureCatalog.COUNTRY, "US"), out);
        assertThat(Arrays.copyOfRange(out, 1, 4)).containsExactly(0, 0, 0);
        v.vectorize(new MapFeatureSource(), out);
        assertThat(Arrays.copyOfRange(out, 1, 4)).containsExactly(1, 0, 0);
    }

    @Test
    void scalingOfACategoricalAppliesToEachColumn() {
        FeatureSpec spec = FeatureSpecs.of(List.of(FeatureDefs.numeric(FeatureCatalog.CHANNEL)
                .setKind(FeatureKind.CATEGORICAL).setCategories(List.of("web", "app"))
                .setScaling(Scaling.STANDARD).setCenter(0.25).setScale(2).build()), 30.0);
        double[] out = FeatureVectorizer.compile(spec).vectorize(new MapFeatureSource().with(FeatureCatalog.CHANNEL, "app"));
        assertThat(out).containsExactly((0 - 0.25) / 2, (1 - 0.25) / 2);
    }

    @Test
    void log1pIsSignedSoNegativeInputsDoNotGiveNaN() {
        FeatureSpec spec = FeatureSpecs.of(List.of(FeatureDefs.numeric(FeatureCatalog.INCOME)
                .setTransform(Transform.LOG1P).build()), 30.0);
        FeatureVectorizer v = FeatureVectorizer.compile(spec);
        assertThat(v.vectorize(new MapFeatureSource().with(FeatureCatalog.INCOME, -9))[0]).isEqualTo(-StrictMath.log1p(9));
        assertThat(v.vectorize(new MapFeatureSource().with(FeatureCatalog.INCOME, 9))[0]).isEqualTo(StrictMath.log1p(9));
    }

    @Test
    void neverEmitsNaNAndIsBitIdenticalAcrossCompilesAndCalls() {
        FeatureSpec published = spec();
        FeatureSpec received = roundTrip(published);
        FeatureVectorizer trainer = FeatureVectorizer.compile(published);
        FeatureVectorizer assigner = FeatureVectorizer.compile(received);
        Random rnd = new Random(42);
        double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -1e300, 1e300, -1, 0};
        double[] a = new double[trainer.dimension()];
        double[] b = new double[assigner.dimension()];
        for (int i = 0; i < 2_000; i++) {
            MapFeatureSource source = new MapFeatureSource()
                    .with(FeatureCatalog.MONETARY, rnd.nextInt(4) == 0 ? special[rnd.nextInt(special.length)] : rnd.nextGaussian() * 50)
                    .with(FeatureCatalog.RECENCY_DAYS, rnd.nextInt(4) == 0 ? special[rnd.nextInt(special.length)] : rnd.nextDouble() * 90);
            if (rnd.nextBoolean()) {
                source.with(FeatureCatalog.COUNTRY, List.of("GB", "FR", "DE", "US").get(rnd.nextInt(4)));
            }
            trainer.vectorize(source, a);
            assigner.vectorize(source, b);
            assertThat(bits(a)).isEqualTo(bits(b));
            assertThat(bits(trainer.vectorize(source))).isEqualTo(bits(a));
            assertThat(Arrays.stream(a).filter(Double::isNaN).count()).isZero();
        }
    }

    @Test
    void writesAtAnOffsetWithoutTouchingTheRest() {
        FeatureVectorizer v = FeatureVectorizer.compile(spec());
        double[] matrix = new double[3 * v.dimension()];
        Arrays.fill(matrix, -42);
        v.vectorize(new MapFeatureSource().with(FeatureCatalog.COUNTRY, "FR"), matrix, v.dimension());
        assertThat(Arrays.copyOfRange(matrix, 0, v.dimension())).containsOnly(-42);
        assertThat(Arrays.copyOfRange(matrix, 2 * v.dimension(), 3 * v.dimension())).containsOnly(-42);
        assertThat(matrix[v.dimension() + 2]).isEqualTo(1);
        assertThatThrownBy(() -> v.vectorize(new MapFeatureSource(), new double[v.dimension() - 1]))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void mapsColumnsBackToInputFeatures() {
        FeatureVectorizer v = FeatureVectorizer.compile(spec());
        assertThat(v.dimension()).isEqualTo(5);
        assertThat(v.featureNames()).containsExactly("monetary", "country", "recency_days");
        assertThat(v.columnNames()).containsExactly("monetary", "country=GB", "country=FR", "country=DE", "recency_days");
        assertThat(v.featureOfColumn(3)).isEqualTo(1);
        assertThat(v.featureNameOfColumn(2)).isEqualTo("country");
        assertThat(v.featureNameOfColumn(4)).isEqualTo("recency_days");
        assertThat(v.specHash()).isEqualTo(spec().getHash());
    }

    @Test
    void refusesAFeatureUnknownToTheCatalog() {
        FeatureSpec spec = FeatureSpecs.of(List.of(FeatureDefs.numeric("shoe_size").build()), 30.0);
        assertThatThrownBy(() -> FeatureVectorizer.compile(spec))
                .isInstanceOf(IncompatibleModelException.class)
                .hasMessageContaining("'shoe_size'").hasMessageContaining("unknown feature");
        FeatureCatalog custom = FeatureCatalog.of(java.util.Map.of("shoe_size", FeatureKind.NUMERIC));
        assertThat(FeatureVectorizer.compile(spec, custom).dimension()).isEqualTo(1);
    }

    @Test
    void refusesAKindMismatch() {
        FeatureSpec spec = FeatureSpecs.of(List.of(FeatureDefs.numeric(FeatureCatalog.COUNTRY).build()), 30.0);
        assertThatThrownBy(() -> FeatureVectorizer.compile(spec))
                .isInstanceOf(IncompatibleModelException.class).hasMessageContaining("CATEGORICAL here");
    }

    @Test
    void refusesUnusableParameters() {
        assertRefused(FeatureDefs.numeric("age").setScaling(Scaling.STANDARD).setScale(0), "positive finite scale");
        assertRefused(FeatureDefs.numeric("age").setScaling(Scaling.ROBUST).setCenter(Double.NaN), "finite center");
        assertRefused(FeatureDefs.numeric("age").setClipMin(10.0).setClipMax(5.0), "clipMin <= clipMax");
        assertRefused(FeatureDefs.numeric("age").setImputeValue(Double.POSITIVE_INFINITY), "imputeValue");
        assertRefused(FeatureDefs.numeric("gender").setKind(FeatureKind.CATEGORICAL)
                .setCategories(List.of("f", "f")), "distinct");
        assertRefused(FeatureDefs.numeric("gender").setKind(FeatureKind.CATEGORICAL)
                .setTransform(Transform.LOG1P), "cannot be clipped or transformed");
    }

    @Test
    void refusesDuplicatesAndLayoutMismatches() {
        FeatureDef age = FeatureDefs.numeric("age").build();
        assertThatThrownBy(() -> FeatureVectorizer.compile(FeatureSpecs.of(List.of(age, age), 30.0)))
                .hasMessageContaining("listed twice");
        FeatureSpec wrongDimension = FeatureSpec.newBuilder(FeatureSpecs.of(List.of(age), 30.0)).setDimension(2).build();
        assertThatThrownBy(() -> FeatureVectorizer.compile(wrongDimension)).hasMessageContaining("dimension is 2");
        FeatureSpec wrongHash = FeatureSpec.newBuilder(FeatureSpecs.of(List.of(age), 30.0)).setHalfLifeDays(14.0).build();
        assertThatThrownBy(() -> FeatureVectorizer.compile(wrongHash)).hasMessageContaining("hash does not match");
    }

    private static void assertRefused(FeatureDef.Builder def, String message) {
        FeatureSpec spec = FeatureSpecs.of(List.of(def.build()), 30.0);
        assertThatThrownBy(() -> FeatureVectorizer.compile(spec))
                .isInstanceOf(IncompatibleModelException.class).hasMessageContaining(message);
    }

    private static long[] bits(double[] v) {
        return Arrays.stream(v).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    private static FeatureSpec roundTrip(FeatureSpec spec) {
        try {
            ByteBuffer bytes = FeatureSpec.getEncoder().encode(spec);
            return FeatureSpec.getDecoder().decode(bytes);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
