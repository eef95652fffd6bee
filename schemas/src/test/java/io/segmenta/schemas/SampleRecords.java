package io.segmenta.schemas;

import io.segmenta.avro.Algorithm;
import io.segmenta.avro.ChangeCause;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.DriftReport;
import io.segmenta.avro.EventType;
import io.segmenta.avro.FeatureContribution;
import io.segmenta.avro.FeatureDef;
import io.segmenta.avro.FeatureKind;
import io.segmenta.avro.FeatureSpec;
import io.segmenta.avro.Imputation;
import io.segmenta.avro.LineageEvent;
import io.segmenta.avro.LineageKind;
import io.segmenta.avro.QualityMetrics;
import io.segmenta.avro.Scaling;
import io.segmenta.avro.Segment;
import io.segmenta.avro.SegmentAssignment;
import io.segmenta.avro.SegmentChange;
import io.segmenta.avro.SegmentDrift;
import io.segmenta.avro.SegmentModel;
import io.segmenta.avro.TrainingWindow;
import io.segmenta.avro.Transform;
import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One fully populated record of every contract type, for round-trip tests across modules. */
public final class SampleRecords {

    public static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");

    private SampleRecords() {
    }

    public static CustomerEvent purchase(String customerId, double amount) {
        return CustomerEvent.newBuilder()
                .setEventId("evt-" + customerId + "-" + amount)
                .setCustomerId(customerId)
                .setEventTime(T0)
                .setType(EventType.PURCHASE)
                .setAmount(amount).setCurrency("GBP").setQuantity(3)
                .setProductCategory("books").setChannel("web").setCountry("United Kingdom")
                .setAge(41).setGender("F").setIncome(52_000.0)
                .setAttributes(Map.of("loyaltyTier", "gold"))
                .build();
    }

    public static SegmentModel model() {
        FeatureDef monetary = FeatureDef.newBuilder().setName("monetary").setKind(FeatureKind.NUMERIC)
                .setImpute(Imputation.MEDIAN).setImputeValue(12.5).setClipMin(0.0).setClipMax(1e6)
                .setTransform(Transform.LOG1P).setScaling(Scaling.STANDARD).setCenter(3.1).setScale(1.7)
                .setImputeCategory(null).setCategories(List.of()).build();
        FeatureDef country = FeatureDef.newBuilder().setName("country").setKind(FeatureKind.CATEGORICAL)
                .setImpute(Imputation.MOST_FREQUENT).setImputeValue(0).setImputeCategory("United Kingdom")
                .setClipMin(null).setClipMax(null).setTransform(Transform.NONE)
                .setCategories(List.of("United Kingdom", "Germany")).setScaling(Scaling.NONE)
                .setCenter(0).setScale(1).build();
        FeatureSpec spec = FeatureSpec.newBuilder().setFeatures(List.of(monetary, country)).setHalfLifeDays(30)
                .setDimension(3).setHash("0".repeat(64)).build();
        Segment loyal = Segment.newBuilder().setSegmentId(1).setLabel("High value, frequent")
                .setCentroid(List.of(1.2, 1.0, 0.0)).setWeight(0.4).setCovariance(List.of(0.5, 0.1, 0.1))
                .setSize(400).setProfile(Map.of("monetary", 812.0)).setZScores(Map.of("monetary", 1.3))
                .setSuggestedAction("Reward loyalty").build();
        Segment casual = Segment.newBuilder().setSegmentId(2).setLabel("Low value")
                .setCentroid(List.of(-0.8, 0.0, 1.0)).setWeight(0.6).setCovariance(null)
                .setSize(600).setProfile(Map.of()).setZScores(Map.of()).setSuggestedAction(null).build();
        return SegmentModel.newBuilder()
                .setModelName("default").setVersion(7).setParentVersion(6L)
                .setAlgorithm(Algorithm.GMM_DIAGONAL).setCreatedAt(T0)
                .setTrainingWindow(TrainingWindow.newBuilder().setStart(T0.minusSeconds(3600)).setEnd(T0)
                        .setSampleSize(1000).setEventCount(25_000).build())
                .setFeatureSpec(spec)
                .setSegments(List.of(loyal, casual))
                .setQuality(QualityMetrics.newBuilder().setK(2).setInertia(1234.5).setSilhouette(0.41)
                        .setSilhouetteSampleSize(1000).setDaviesBouldin(0.9).setCalinskiHarabasz(812.0)
                        .setBic(null).setLogLikelihood(null).build())
                .setLineage(List.of(
                        LineageEvent.newBuilder().setKind(LineageKind.SURVIVED).setFromSegments(List.of(1))
                                .setToSegments(List.of(1)).setOverlap(0.93).setCentroidShift(0.02).build(),
                        LineageEvent.newBuilder().setKind(LineageKind.BIRTH).setFromSegments(List.of())
                                .setToSegments(List.of(2)).setOverlap(null).setCentroidShift(null).build()))
                .setTags(Map.of("producer", "test"))
                .build();
    }

    public static SegmentAssignment assignment(String customerId) {
        return SegmentAssignment.newBuilder().setCustomerId(customerId).setSegmentId(1).setLabel("High value, frequent")
                .setModelName("default").setModelVersion(7).setDistance(0.42).setConfidence(0.8)
                .setExplanation(List.of(new FeatureContribution("monetary", 1.5)))
                .setEventTime(T0).setAssignedAt(T0.plusMillis(12)).build();
    }

    public static SegmentChange change(String customerId) {
        return SegmentChange.newBuilder().setCustomerId(customerId).setPreviousSegmentId(2).setPreviousLabel("Low value")
                .setSegmentId(1).setLabel("High value, frequent").setModelName("default").setModelVersion(7)
                .setPreviousModelVersion(6L).setCause(ChangeCause.MODEL_UPDATE).setDistance(0.42).setConfidence(0.8)
                .setEventTime(T0).setEmittedAt(T0.plusMillis(15)).build();
    }

    public static DriftReport drift() {
        return DriftReport.newBuilder().setModelName("default").setModelVersion(7)
                .setWindowStart(T0.minusSeconds(3600)).setWindowEnd(T0).setAssignments(5000)
                .setSegments(List.of(new SegmentDrift(1, 0.45, 0.4, 0.7, 0.02), new SegmentDrift(2, 0.55, 0.6, 0.9, null)))
                .setPsi(0.011).setMeanDistance(0.81).setCentroidShift(0.02).setChangeRate(0.03)
                .setEmittedAt(T0.plusSeconds(1)).build();
    }

    /** One of each contract type. */
    public static List<SpecificRecord> oneOfEach() {
        return List.of(purchase("c-1", 19.99), model(), assignment("c-1"), change("c-1"), drift());
    }
}
