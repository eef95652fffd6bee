package io.segmenta.it.support;

import io.segmenta.assigner.features.FeatureSource;
import io.segmenta.assigner.features.FeatureVectorizer;
import io.segmenta.assigner.profile.CustomerProfile;
import io.segmenta.assigner.profile.ProfileFolder;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.FeatureSpec;
import io.segmenta.avro.SegmentModel;
import io.segmenta.avro.TrainingWindow;
import io.segmenta.fitting.assembly.AssemblyInput;
import io.segmenta.fitting.assembly.SegmentFit;
import io.segmenta.fitting.assembly.SegmentModelAssembler;
import io.segmenta.fitting.features.FeatureSpecFitter;
import io.segmenta.fitting.kmeans.MiniBatchKMeans;
import io.segmenta.fitting.kmeans.MiniBatchKMeansModel;
import io.segmenta.fitting.kmeans.MiniBatchKMeansParams;
import io.segmenta.fitting.profile.SegmentProfiler;
import io.segmenta.fitting.quality.QualityReport;
import io.segmenta.trainer.config.TrainerSettings;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A fixed K-Means model of some events' customers, fitted offline like an analyst's: tests of the assigner alone use
 * it so that what they check depends only on the events, not on when a trainer publishes. The assigner scores an
 * event only with a model whose training window ended by the event's time, so the model is dated as if it had been
 * trained on an earlier period of the same behaviour: its window ends at the first event, and it is valid for all.
 */
public final class OfflineModels {

    private OfflineModels() {
    }

    /** The customers' profiles as of the last event, fitted with {@code k} segments and a fixed seed. */
    public static SegmentModel fit(List<CustomerEvent> events, int k) {
        TrainerSettings settings = TrainerSettings.defaults();
        ProfileFolder folder = new ProfileFolder(settings.halfLifeDays(), settings.eventRules());
        Map<String, CustomerProfile> profiles = new HashMap<>();
        for (CustomerEvent e : events) {
            folder.fold(profiles.computeIfAbsent(e.getCustomerId(), id -> folder.newProfile()), e);
        }
        long end = events.stream().mapToLong(e -> e.getEventTime().toEpochMilli()).max().orElseThrow();
        List<FeatureSource> rows = profiles.values().stream().map(p -> (FeatureSource) p.asOf(end)).collect(Collectors.toList());
        FeatureSpec spec = FeatureSpecFitter.fit(settings.features(), rows, settings.halfLifeDays());
        FeatureVectorizer vectorizer = FeatureVectorizer.compile(spec);
        double[][] x = rows.stream().map(vectorizer::vectorize).toArray(double[][]::new);
        MiniBatchKMeansModel kmeans = new MiniBatchKMeans(MiniBatchKMeansParams.defaults(k).withSeed(7)).fit(x);
        SegmentFit fit = SegmentFit.kmeans(kmeans, x);
        Instant first = Instant.ofEpochMilli(events.stream().mapToLong(e -> e.getEventTime().toEpochMilli()).min()
                .orElseThrow());
        TrainingWindow window = TrainingWindow.newBuilder().setStart(first.minusMillis(end - first.toEpochMilli()))
                .setEnd(first).setSampleSize(x.length).setEventCount(events.size()).build();
        return new SegmentModelAssembler().assemble(AssemblyInput.of("default", spec, fit,
                SegmentProfiler.profile(rows, settings.numericFeatureNames(), settings.categoricalFeatureNames(),
                        fit.assign(x), fit.k()),
                QualityReport.kmeans(x, fit.centroids(), 1000, 7), window));
    }
}
