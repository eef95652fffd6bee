package io.segmenta.assigner.scoring;

import io.segmenta.assigner.features.FeatureCatalog;
import io.segmenta.assigner.features.FeatureDefs;
import io.segmenta.assigner.features.FeatureSpecs;
import io.segmenta.avro.Algorithm;
import io.segmenta.avro.FeatureDef;
import io.segmenta.avro.FeatureKind;
import io.segmenta.avro.FeatureSpec;
import io.segmenta.avro.QualityMetrics;
import io.segmenta.avro.Segment;
import io.segmenta.avro.SegmentModel;
import io.segmenta.avro.TrainingWindow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Random models over plain numeric features {@code f0 .. f(d-1)} in identity space, for scorer tests. */
public final class TestModels {

    private TestModels() {
    }

    public static FeatureCatalog numericCatalog(int d) {
        Map<String, FeatureKind> kinds = new LinkedHashMap<>();
        for (int i = 0; i < d; i++) {
            kinds.put("f" + i, FeatureKind.NUMERIC);
        }
        return FeatureCatalog.of(kinds);
    }

    public static ModelValidator validator(int d) {
        return new ModelValidator(numericCatalog(d), null);
    }

    public static FeatureSpec identitySpec(int d) {
        List<FeatureDef> defs = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            defs.add(FeatureDefs.numeric("f" + i).build());
        }
        return FeatureSpecs.of(defs, 30.0);
    }

    public static Segment.Builder segment(int id, double[] centroid) {
        return Segment.newBuilder().setSegmentId(id).setLabel("segment " + id).setCentroid(list(centroid)).setSize(100);
    }

    public static SegmentModel model(Algorithm algorithm, FeatureSpec spec, List<Segment> segments) {
        return SegmentModel.newBuilder()
                .setModelName("test")
                .setVersion(7)
                .setAlgorithm(algorithm)
                .setCreatedAt(Instant.EPOCH)
                .setTrainingWindow(TrainingWindow.newBuilder().setStart(Instant.EPOCH).setEnd(Instant.EPOCH)
                        .setSampleSize(0).build())
                .setFeatureSpec(spec)
                .setSegments(segments)
                .setQuality(QualityMetrics.newBuilder().setK(segments.size()).build())
                .build();
    }

    /** Segment ids are deliberately not 0..k-1 so that tests can tell ids from positions. */
    public static int idOf(int index) {
        return 100 + 7 * index;
    }

    public static SegmentModel kmeans(Random rnd, int k, int d) {
        List<Segment> segments = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            segments.add(segment(idOf(j), gaussian(rnd, d, 2.0)).setSize(10 + rnd.nextInt(1000)).build());
        }
        return model(Algorithm.KMEANS, identitySpec(d), segments);
    }

    public static SegmentModel gmmDiagonal(Random rnd, int k, int d) {
        List<Segment> segments = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            double[] variances = new double[d];
            for (int c = 0; c < d; c++) {
                variances[c] = 0.2 + 2 * rnd.nextDouble();
            }
            segments.add(segment(idOf(j), gaussian(rnd, d, 2.0))
                    .setWeight(0.1 + rnd.nextDouble()).setCovariance(list(variances)).build());
        }
        return model(Algorithm.GMM_DIAGONAL, identitySpec(d), segments);
    }

    public static SegmentModel gmmFull(Random rnd, int k, int d) {
        List<Segment> segments = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            segments.add(segment(idOf(j), gaussian(rnd, d, 2.0))
                    .setWeight(0.1 + rnd.nextDouble()).setCovariance(list(randomCovariance(rnd, d))).build());
        }
        return model(Algorithm.GMM_FULL, identitySpec(d), segments);
    }

    /** A A^T + 0.1 I for a random A: symmetric positive definite, with real correlations. */
    public static double[] randomCovariance(Random rnd, int d) {
        double[] a = gaussian(rnd, d * d, 0.6);
        double[] cov = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = i == j ? 0.1 : 0.0;
                for (int m = 0; m < d; m++) {
                    s += a[i * d + m] * a[j * d + m];
                }
                cov[i * d + j] = s;
            }
        }
        return cov;
    }

    public static double[] gaussian(Random rnd, int n, double sd) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = sd * rnd.nextGaussian();
        }
        return v;
    }

    public static List<Double> list(double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(v);
        }
        return list;
    }
}
