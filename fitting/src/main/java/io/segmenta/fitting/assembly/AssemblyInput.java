package io.segmenta.fitting.assembly;

import io.segmenta.avro.FeatureSpec;
import io.segmenta.avro.QualityMetrics;
import io.segmenta.avro.SegmentModel;
import io.segmenta.avro.TrainingWindow;
import io.segmenta.fitting.profile.SegmentProfile;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything {@link SegmentModelAssembler} turns into a {@code SegmentModel}.
 *
 * @param modelName     name of the model lineage
 * @param featureSpec   the fitted spec the vectors were made with
 * @param fit           the fit, clusters by index
 * @param profiles      one profile per cluster index (empty: labels fall back to "Segment n")
 * @param quality       quality metrics of the fit
 * @param window        the training window
 * @param parent        the model this one refits (null for a first model)
 * @param members       the same customers under the parent and now, to measure member overlap and detect splits
 *                      and merges (null: matching by centroid distance only)
 * @param tags          free metadata to carry
 */
public record AssemblyInput(String modelName, FeatureSpec featureSpec, SegmentFit fit, List<SegmentProfile> profiles,
                            QualityMetrics quality, TrainingWindow window, SegmentModel parent,
                            MemberSample members, Map<String, String> tags) {

    public AssemblyInput {
        if (modelName == null || modelName.isBlank()) {
            throw new IllegalArgumentException("modelName must not be blank");
        }
        Objects.requireNonNull(featureSpec, "featureSpec");
        Objects.requireNonNull(fit, "fit");
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(window, "window");
        profiles = profiles == null ? List.of() : List.copyOf(profiles);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** A first model: no parent, no overlap sample, no tags. */
    public static AssemblyInput of(String modelName, FeatureSpec featureSpec, SegmentFit fit,
                                   List<SegmentProfile> profiles, QualityMetrics quality, TrainingWindow window) {
        return new AssemblyInput(modelName, featureSpec, fit, profiles, quality, window, null, null, Map.of());
    }

    public AssemblyInput withParent(SegmentModel newParent, MemberSample newMembers) {
        return new AssemblyInput(modelName, featureSpec, fit, profiles, quality, window, newParent, newMembers, tags);
    }

    public AssemblyInput withTags(Map<String, String> newTags) {
        return new AssemblyInput(modelName, featureSpec, fit, profiles, quality, window, parent, members,
                newTags);
    }
}
