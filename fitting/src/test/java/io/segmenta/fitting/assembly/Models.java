package io.segmenta.fitting.assembly;

import io.segmenta.assigner.features.FeatureSpecs;
import io.segmenta.avro.FeatureDef;
import io.segmenta.avro.FeatureKind;
import io.segmenta.avro.FeatureSpec;
import io.segmenta.avro.Imputation;
import io.segmenta.avro.QualityMetrics;
import io.segmenta.avro.Scaling;
import io.segmenta.avro.SegmentModel;
import io.segmenta.avro.TrainingWindow;
import io.segmenta.avro.Transform;
import io.segmenta.fitting.kmeans.MiniBatchKMeansModel;
import io.segmenta.fitting.profile.SegmentProfile;
import io.segmenta.fitting.profile.SegmentProfiler;
import io.segmenta.fitting.quality.QualityReport;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Test fixtures: an identity feature spec (scaled = raw) and a one-call K-Means model assembly. */
final class Models {

    private Models() {
    }

    static List<String> names(int d) {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            names.add("f" + j);
        }
        return names;
    }

    static FeatureSpec identitySpec(int d) {
        List<FeatureDef> defs = new ArrayList<>();
        for (String name : names(d)) {
            defs.add(FeatureDef.newBuilder().setName(name).setKind(FeatureKind.NUMERIC).setImpute(Imputation.NONE)
                    .setTransform(Transform.NONE).setScaling(Scaling.NONE).setCenter(0).setScale(1).build());
        }
        return FeatureSpecs.of(defs, 30);
    }

    static TrainingWindow window(long rows) {
        return TrainingWindow.newBuilder().setStart(Instant.parse("2025-01-01T00:00:00Z"))
                .setEnd(Instant.parse("2025-02-01T00:00:00Z")).setSampleSize(rows).setEventCount(0).build();
    }

    static AssemblyInput kmeansInput(MiniBatchKMeansModel model, double[][] rows) {
        int d = rows[0].length;
        List<SegmentProfile> profiles = SegmentProfiler.profile(rows, names(d), model.predict(rows), model.k());
        QualityMetrics q = QualityReport.kmeans(rows, model.modelData().centroids(), 500, 1);
        return AssemblyInput.of("default", identitySpec(d), SegmentFit.kmeans(model, rows), profiles, q,
                window(rows.length));
    }

    /** Segment id of each row under a published model. */
    static int[] segmentIds(SegmentModel model, double[][] rows) {
        SegmentFit fit = SegmentModels.read(model);
        int[] clusters = fit.assign(rows);
        int[] ids = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            ids[i] = model.getSegments().get(clusters[i]).getSegmentId();
        }
        return ids;
    }
}
