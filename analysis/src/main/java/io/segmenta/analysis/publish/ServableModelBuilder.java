package io.segmenta.analysis.publish;

import io.segmenta.assigner.IncompatibleModelException;
import io.segmenta.assigner.features.FeatureCatalog;
import io.segmenta.assigner.features.FeatureSource;
import io.segmenta.assigner.features.FeatureVectorizer;
import io.segmenta.avro.QualityMetrics;
import io.segmenta.avro.SegmentModel;
import io.segmenta.avro.TrainingWindow;
import io.segmenta.analysis.Analysis;
import io.segmenta.analysis.UserError;
import io.segmenta.analysis.cluster.Candidate;
import io.segmenta.analysis.cluster.Method;
import io.segmenta.analysis.cluster.Scores;
import io.segmenta.transactions.ReadSummary;
import io.segmenta.fitting.assembly.AssemblyInput;
import io.segmenta.fitting.assembly.SegmentFit;
import io.segmenta.fitting.assembly.SegmentModelAssembler;
import io.segmenta.fitting.profile.SegmentProfile;
import io.segmenta.fitting.profile.SegmentProfiler;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the chosen solution of an analysis into a {@link SegmentModel} the streaming assigner can serve, built by the
 * trainer's {@link SegmentModelAssembler} (stable ids and lineage against the latest published version, labels,
 * version = latest + 1). K-Means and GMM fits go as they are; a hierarchical, DBSCAN or affinity-propagation winner
 * goes as its segment means with algorithm KMEANS (nearest mean), DBSCAN's noise rows left out of the sizes.
 *
 * <p>Refuses (a {@link UserError}) a model the assigner could not serve: its feature spec must compile against the
 * standard profile features ({@link FeatureCatalog#standard()}), which a transactions file's derived features do and
 * an arbitrary customer table's columns do not.
 */
public final class ServableModelBuilder {

    public static final String PRODUCER_TAG = "producer";
    public static final String SOURCE_TAG = "source";
    public static final String ALGORITHM_TAG = "analyze.algorithm";

    private final SegmentModelAssembler assembler;

    public ServableModelBuilder(Clock clock) {
        this.assembler = new SegmentModelAssembler(new io.segmenta.fitting.lineage.SegmentMatcher(),
                new io.segmenta.fitting.profile.SegmentLabeler(), clock);
    }

    public ServableModelBuilder() {
        this(Clock.systemUTC());
    }

    /** Throws a {@link UserError} saying why when the assigner could not serve a model of this analysis. */
    public static void requireServable(Analysis a) {
        try {
            FeatureVectorizer.compile(a.prepared().spec(), FeatureCatalog.standard());
        } catch (IncompatibleModelException e) {
            List<String> foreign = a.selection().kept().stream()
                    .filter(f -> !FeatureCatalog.standard().contains(f)).toList();
            throw new UserError("--publish refused: the streaming assigner scores the standard profile features "
                    + FeatureCatalog.standard().names() + ", but this model reads "
                    + (foreign.isEmpty() ? "them differently (" + e.getMessage() + ")" : foreign)
                    + "; publish a model built on a transactions file (--mapping), whose derived features are "
                    + "standard");
        }
    }

    /**
     * @param parent     the latest published version of the model, or null
     * @param modelName  the lineage name
     */
    public SegmentModel build(Analysis a, String modelName, SegmentModel parent) {
        requireServable(a);
        Candidate best = a.best();
        double[][] x = a.prepared().x();
        List<FeatureSource> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (best.labels()[i] >= 0) {
                rows.add(a.prepared().rows().get(i));
                labels.add(best.labels()[i]);
            }
        }
        List<SegmentProfile> profiles = SegmentProfiler.profile(rows, a.prepared().numericFeatures(),
                a.prepared().categoricalFeatures(), labels.stream().mapToInt(Integer::intValue).toArray(), best.k());
        SegmentFit fit = best.fit() != null ? best.fit() : SegmentFit.kmeans(best.centroids(), best.sizes());
        Scores s = best.scores();
        QualityMetrics quality = QualityMetrics.newBuilder()
                .setK(fit.k())
                .setInertia(s.inertia())
                .setSilhouette(s.silhouette())
                .setSilhouetteSampleSize(s.silhouetteSample())
                .setDaviesBouldin(s.daviesBouldin())
                .setCalinskiHarabasz(s.calinskiHarabasz())
                .setBic(s.bic())
                .build();
        Map<String, String> tags = new HashMap<>();
        tags.put(PRODUCER_TAG, "analyze");
        tags.put(SOURCE_TAG, Path.of(a.table().source()).getFileName().toString());
        tags.put(ALGORITHM_TAG, best.name() + (best.fit() == null && best.method() != Method.KMEANS
                ? " (published as its segment means, scored by nearest mean)" : ""));
        AssemblyInput input = AssemblyInput.of(modelName, a.prepared().spec(), fit, profiles, quality, window(a))
                .withTags(tags);
        if (parent != null) {
            input = input.withParent(parent, null);
        }
        return assembler.assemble(input);
    }

    private static TrainingWindow window(Analysis a) {
        long rows = a.table().rows();
        if (a.transactions() != null) {
            ReadSummary r = a.transactions().read();
            return TrainingWindow.newBuilder().setStart(r.firstEventTime()).setEnd(r.lastEventTime().plusMillis(1))
                    .setSampleSize(rows).setEventCount(r.events()).build();
        }
        java.time.Instant now = java.time.Instant.now();
        return TrainingWindow.newBuilder().setStart(now).setEnd(now).setSampleSize(rows).setEventCount(0).build();
    }
}
