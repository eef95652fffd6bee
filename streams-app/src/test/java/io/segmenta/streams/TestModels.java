package io.segmenta.streams;

import io.segmenta.assigner.features.FeatureSpecs;
import io.segmenta.avro.Algorithm;
import io.segmenta.avro.FeatureDef;
import io.segmenta.avro.FeatureKind;
import io.segmenta.avro.FeatureSpec;
import io.segmenta.avro.Imputation;
import io.segmenta.avro.QualityMetrics;
import io.segmenta.avro.Scaling;
import io.segmenta.avro.Segment;
import io.segmenta.avro.SegmentModel;
import io.segmenta.avro.TrainingWindow;
import io.segmenta.avro.Transform;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Small valid models for the assigner's tests: one numeric feature in original units, so that a customer's segment
 * follows from the event amounts by hand. Segment 1 "Small spenders", segment 2 "Big spenders".
 */
public final class TestModels {

    /** Event time of the test events. */
    public static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");
    /** Before every test event: the as-of time is then the customer's last event. */
    public static final Instant TRAINED_UNTIL = T0.minus(Duration.ofDays(1));
    public static final double HALF_LIFE_DAYS = 30.0;

    private TestModels() {
    }

    /** A feature definition with every enum set (the schema has type defaults, not field defaults). */
    public static FeatureDef.Builder numeric(String name) {
        return FeatureDef.newBuilder().setName(name).setKind(FeatureKind.NUMERIC).setImpute(Imputation.NONE)
                .setTransform(Transform.NONE).setScaling(Scaling.NONE);
    }

    public static FeatureSpec monetarySpec(double halfLifeDays) {
        return FeatureSpecs.of(List.of(numeric("monetary").build()), halfLifeDays);
    }

    /** K-Means over monetary with centres {@code small} (segment 1) and {@code big} (segment 2). */
    public static SegmentModel spenders(long version, double small, double big) {
        return model(version, monetarySpec(HALF_LIFE_DAYS), TRAINED_UNTIL, List.of(
                segment(1, "Small spenders", 600, small), segment(2, "Big spenders", 400, big)));
    }

    public static Segment segment(int id, String label, long size, double... centroid) {
        List<Double> c = java.util.Arrays.stream(centroid).boxed().toList();
        return Segment.newBuilder().setSegmentId(id).setLabel(label).setCentroid(c).setSize(size)
                .setProfile(Map.of("monetary", centroid[0])).build();
    }

    public static SegmentModel model(long version, FeatureSpec spec, Instant trainedUntil, List<Segment> segments) {
        return SegmentModel.newBuilder()
                .setModelName("default")
                .setVersion(version)
                .setAlgorithm(Algorithm.KMEANS)
                .setCreatedAt(trainedUntil)
                .setTrainingWindow(TrainingWindow.newBuilder().setStart(trainedUntil.minus(Duration.ofDays(90)))
                        .setEnd(trainedUntil).setSampleSize(1000).build())
                .setFeatureSpec(spec)
                .setSegments(segments)
                .setQuality(QualityMetrics.newBuilder().setK(segments.size()).build())
                .build();
    }
}
