package io.segmenta.trainer.job;

import io.segmenta.avro.SegmentModel;
import io.segmenta.trainer.config.TrainerSettings;

import java.io.Serializable;
import java.util.Optional;

/** Where a job with no checkpointed model finds the latest published one, to continue its versions. */
@FunctionalInterface
public interface ModelBootstrap extends Serializable {

    Optional<SegmentModel> latest(TrainerSettings settings);

    /** For a first run, or tests: nothing was published before. */
    static ModelBootstrap none() {
        return settings -> Optional.empty();
    }
}
