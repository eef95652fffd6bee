package io.segmenta.streams.state;

import java.util.Objects;

/**
 * A customer's current segment as the assigner last scored it.
 *
 * @param scoredAtMillis wall time of the latest scoring
 */
public record CurrentAssignment(int segmentId, String label, String modelName, long modelVersion,
                                double distance, double confidence, long scoredAtMillis) {

    public CurrentAssignment {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(modelName, "modelName");
    }

    public boolean sameModel(String name, long version) {
        return modelVersion == version && modelName.equals(name);
    }
}
