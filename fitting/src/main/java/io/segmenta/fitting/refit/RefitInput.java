package io.segmenta.fitting.refit;

import io.segmenta.assigner.features.FeatureSource;
import io.segmenta.avro.SegmentModel;

import java.util.List;
import java.util.Objects;

/**
 * Everything a window's refit decides on.
 *
 * @param sample      the workers' samples merged
 * @param partialSums one entry per worker (may be empty: then only the sample can refit)
 * @param counts      the workers' counts summed
 * @param parent      the model in force, or null before the first one
 */
public record RefitInput(List<SampledCustomer> sample, List<WorkerPartialSums> partialSums, WindowCounts counts,
                         SegmentModel parent) {

    public RefitInput {
        sample = List.copyOf(sample);
        partialSums = List.copyOf(partialSums);
        Objects.requireNonNull(counts, "counts");
    }

    List<FeatureSource> sources() {
        return sample.stream().map(SampledCustomer::features).toList();
    }
}
