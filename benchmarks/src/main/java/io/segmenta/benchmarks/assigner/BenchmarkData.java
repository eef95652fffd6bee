package io.segmenta.benchmarks.assigner;

import io.segmenta.assigner.features.FeatureCatalog;
import io.segmenta.assigner.features.FeatureSpecs;
import io.segmenta.avro.Algorithm;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.EventType;
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

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Deterministic models and events for the assigner benchmarks. */
final class BenchmarkData {

    static final long DAY = 86_400_000L;
    static final long T0 = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();

    private BenchmarkData() {
    }

    /** The 13 numeric profile features plus a 3-way one-hot channel: exactly 16 columns, all standard-scaled. */
    static FeatureSpec standardSpec() {
        List<FeatureDef> defs = new ArrayList<>();
        for (String name : FeatureCatalog.standard().names()) {
            if (FeatureCatalog.standard().kindOf(name).orElseThrow() == FeatureKind.NUMERIC) {
                defs.add(def(name).setTransform(Transform.LOG1P).setScaling(Scaling.STANDARD).setCenter(1).setScale(2).build());
            }
        }
        defs.add(def(FeatureCatalog.CHANNEL).setKind(FeatureKind.CATEGORICAL).setCategories(List.of("web", "app", "store")).build());
        return FeatureSpecs.of(defs, 30.0);
    }

    private static FeatureDef.Builder def(String name) {
        return FeatureDef.newBuilder().setName(name).setKind(FeatureKind.NUMERIC).setImpute(Imputation.NONE)
                .setTransform(Transform.NONE).setScaling(Scaling.NONE);
    }

    static SegmentModel model(Algorithm algorithm, int k, long seed) {
        FeatureSpec spec = standardSpec();
        int d = spec.getDimension();
        Random rnd = new Random(seed);
        List<Segment> segments = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            Segment.Builder s = Segment.newBuilder().setSegmentId(j + 1).setLabel("segment " + (j + 1))
                    .setCentroid(gaussian(rnd, d, 1.5)).setSize(1000);
            if (algorithm != Algorithm.KMEANS) {
                s.setWeight(1.0 / k);
                List<Double> cov = new ArrayList<>();
                if (algorithm == Algorithm.GMM_DIAGONAL) {
                    for (int c = 0; c < d; c++) {
                        cov.add(0.5 + rnd.nextDouble());
                    }
                } else {
                    for (int r = 0; r < d; r++) {
                        for (int c = 0; c < d; c++) {
                            cov.add(r == c ? 1.0 : 0.1 / (1 + Math.abs(r - c)));
                        }
                    }
                }
                s.setCovariance(cov);
            }
            segments.add(s.build());
        }
        return SegmentModel.newBuilder()
                .setModelName("bench").setVersion(1).setAlgorithm(algorithm).setCreatedAt(Instant.EPOCH)
                .setTrainingWindow(TrainingWindow.newBuilder().setStart(Instant.EPOCH).setEnd(Instant.EPOCH).setSampleSize(k * 1000L).build())
                .setFeatureSpec(spec).setSegments(segments)
                .setQuality(QualityMetrics.newBuilder().setK(k).build())
                .build();
    }

    static double[][] vectors(int n, int d, long seed) {
        Random rnd = new Random(seed);
        double[][] vectors = new double[n][];
        for (int i = 0; i < n; i++) {
            vectors[i] = gaussian(rnd, d, 2.0).stream().mapToDouble(Double::doubleValue).toArray();
        }
        return vectors;
    }

    /** A realistic mix of event types, mostly in time order with some late arrivals. */
    static CustomerEvent[] events(int n, long seed) {
        Random rnd = new Random(seed);
        EventType[] types = {EventType.PAGE_VIEW, EventType.PAGE_VIEW, EventType.PAGE_VIEW, EventType.SESSION_START,
                EventType.ADD_TO_CART, EventType.PURCHASE, EventType.REFUND, EventType.PROFILE_UPDATE};
        String[] categories = {"books", "music", "garden", "toys", "food", "fashion"};
        String[] channels = {"web", "app", "store"};
        CustomerEvent[] events = new CustomerEvent[n];
        long t = T0;
        for (int i = 0; i < n; i++) {
            t += rnd.nextInt(3_600_000);
            long eventTime = rnd.nextInt(10) == 0 ? t - rnd.nextInt(86_400_000) : t;
            EventType type = types[rnd.nextInt(types.length)];
            CustomerEvent.Builder b = CustomerEvent.newBuilder().setEventId("e" + i).setCustomerId("c" + (i & 63))
                    .setEventTime(Instant.ofEpochMilli(eventTime)).setType(type)
                    .setChannel(channels[rnd.nextInt(3)]);
            if (type == EventType.PURCHASE || type == EventType.REFUND) {
                b.setAmount(5 + rnd.nextInt(20000) / 100.0).setQuantity(1 + rnd.nextInt(3))
                        .setProductCategory(categories[rnd.nextInt(categories.length)]);
            }
            if (type == EventType.PROFILE_UPDATE) {
                b.setAge(18 + rnd.nextInt(60)).setCountry("GB").setGender("f").setIncome(30000.0);
            }
            events[i] = b.build();
        }
        return events;
    }

    private static List<Double> gaussian(Random rnd, int d, double sd) {
        List<Double> v = new ArrayList<>(d);
        for (int i = 0; i < d; i++) {
            v.add(sd * rnd.nextGaussian());
        }
        return v;
    }
}
