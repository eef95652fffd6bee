package io.segmenta.benchmarks.assigner.e2e;

import io.segmenta.assigner.features.FeatureVectorizer;
import io.segmenta.assigner.profile.ProfileSnapshot;
import io.segmenta.avro.FeatureDef;
import io.segmenta.avro.FeatureKind;
import io.segmenta.avro.FeatureSpec;
import io.segmenta.avro.QualityMetrics;
import io.segmenta.avro.SegmentModel;
import io.segmenta.avro.TrainingWindow;
import io.segmenta.fitting.assembly.AssemblyInput;
import io.segmenta.fitting.assembly.SegmentFit;
import io.segmenta.fitting.assembly.SegmentModelAssembler;
import io.segmenta.fitting.features.FeatureSpecFitter;
import io.segmenta.fitting.kmeans.MiniBatchKMeans;
import io.segmenta.fitting.kmeans.MiniBatchKMeansModel;
import io.segmenta.fitting.kmeans.MiniBatchKMeansParams;
import io.segmenta.fitting.profile.SegmentProfile;
import io.segmenta.fitting.profile.SegmentProfiler;
import io.segmenta.fitting.quality.QualityReport;
import io.segmenta.trainer.config.TrainerSettings;

import java.time.Instant;
import java.util.List;

/**
 * A real model for the standard features, fitted offline as the trainer's first window does: feature spec fitted on
 * the profiles (trainer's default features, half-life 30 days), mini-batch K-Means, profiles and labels, assembled by
 * {@link SegmentModelAssembler}. {@link #next} makes the following version of the lineage (same fit, parent = the
 * previous version), which is what a refit that changed nothing publishes.
 */
public final class BenchModel {

    public static final String NAME = "default";
    public static final double HALF_LIFE_DAYS = 30.0;

    private final SegmentModelAssembler assembler = new SegmentModelAssembler();
    private final AssemblyInput input;
    private SegmentModel latest;

    private BenchModel(AssemblyInput input) {
        this.input = input;
    }

    public static BenchModel fit(List<ProfileSnapshot> rows, int k, Instant windowStart, Instant windowEnd, long events,
                          long seed) {
        FeatureSpec spec = FeatureSpecFitter.fit(TrainerSettings.defaultFeatures(), rows, HALF_LIFE_DAYS);
        FeatureVectorizer vectorizer = FeatureVectorizer.compile(spec);
        double[][] x = new double[rows.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = vectorizer.vectorize(rows.get(i));
        }
        MiniBatchKMeansModel kmeans = new MiniBatchKMeans(MiniBatchKMeansParams.defaults(k).withSeed(seed)).fit(x);
        int[] labels = kmeans.predict(x);
        List<String> numeric = spec.getFeatures().stream().filter(f -> f.getKind() == FeatureKind.NUMERIC)
                .map(FeatureDef::getName).toList();
        List<SegmentProfile> profiles = SegmentProfiler.profile(rows, numeric, List.of(), labels, k);
        QualityMetrics quality = QualityReport.kmeans(x, kmeans.modelData().centroids(), 500, seed);
        TrainingWindow window = TrainingWindow.newBuilder().setStart(windowStart).setEnd(windowEnd)
                .setSampleSize(x.length).setEventCount(events).build();
        return new BenchModel(AssemblyInput.of(NAME, spec, SegmentFit.kmeans(kmeans, x), profiles, quality, window));
    }

    /** Version 1, then each call the next version with the previous one as parent. */
    public SegmentModel next() {
        AssemblyInput in = latest == null ? input : input.withParent(latest, null);
        latest = assembler.assemble(in);
        return latest;
    }
}
