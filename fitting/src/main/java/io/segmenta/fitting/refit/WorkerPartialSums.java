package io.segmenta.fitting.refit;

import io.segmenta.fitting.kmeans.KMeansPartialSums;

import java.util.Objects;

/**
 * One worker's K-Means partial sums for the window, and the model version they were computed against.
 *
 * @param modelVersion version of the model the sums are against; {@link #NO_MODEL} when the worker had none
 * @param snapshot     the sums (empty arrays when the worker had no K-Means model)
 */
public record WorkerPartialSums(long modelVersion, KMeansPartialSums.Snapshot snapshot) {

    public static final long NO_MODEL = -1;

    public WorkerPartialSums {
        Objects.requireNonNull(snapshot, "snapshot");
    }
}
