package io.segmenta.benchmarks.quality;

import io.segmenta.avro.Algorithm;
import io.segmenta.avro.FeatureSpec;
import io.segmenta.avro.LineageEvent;
import io.segmenta.avro.LineageKind;
import io.segmenta.avro.QualityMetrics;
import io.segmenta.avro.Segment;
import io.segmenta.avro.SegmentModel;
import io.segmenta.avro.TrainingWindow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small models for the metric tests: only ids, labels and lineage matter to them. */
final class Models {

    static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");

    private Models() {
    }

    /** @param labels "id=label" */
    static SegmentModel model(long version, Long parent, List<LineageEvent> lineage, String... labels) {
        List<Segment> segments = new ArrayList<>();
        for (String l : labels) {
            String[] p = l.split("=", 2);
            segments.add(Segment.newBuilder().setSegmentId(Integer.parseInt(p[0])).setLabel(p[1])
                    .setCentroid(List.of(0.0)).setSize(1).build());
        }
        return SegmentModel.newBuilder().setModelName("default").setVersion(version).setParentVersion(parent)
                .setAlgorithm(Algorithm.KMEANS).setCreatedAt(T0)
                .setTrainingWindow(TrainingWindow.newBuilder().setStart(T0).setEnd(T0).setSampleSize(1).build())
                .setFeatureSpec(FeatureSpec.newBuilder().setFeatures(List.of()).setDimension(1).setHash("x").build())
                .setSegments(segments)
                .setQuality(QualityMetrics.newBuilder().setK(segments.size()).build())
                .setLineage(lineage).setTags(Map.of()).build();
    }

    static LineageEvent edge(LineageKind kind, List<Integer> from, List<Integer> to) {
        return LineageEvent.newBuilder().setKind(kind).setFromSegments(from).setToSegments(to).build();
    }
}
