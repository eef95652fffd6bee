package io.segmenta.streams.model;

import io.segmenta.assigner.IncompatibleModelException;
import io.segmenta.assigner.scoring.SegmentScorer;
import io.segmenta.avro.SegmentModel;

import java.util.Objects;

/**
 * Decides whether this assigner can serve a model, and compiles it. On top of the core's checks
 * ({@link SegmentScorer#compile}: algorithm, spec hash and dimension, features, parameters, segments) a model must
 * belong to the configured lineage and be fitted on profiles folded with this assigner's half-life: the stored
 * profiles were folded with it, so a model expecting another decay would read different features.
 */
public final class ModelCompiler {

    private final String modelName;
    private final double halfLifeDays;

    public ModelCompiler(String modelName, double halfLifeDays) {
        this.modelName = Objects.requireNonNull(modelName, "modelName");
        this.halfLifeDays = halfLifeDays;
    }

    public String modelName() {
        return modelName;
    }

    /** @throws IncompatibleModelException naming the model and the first reason it cannot be served */
    public CompiledModel compile(SegmentModel model) {
        String where = "model '" + model.getModelName() + "' v" + model.getVersion();
        if (!modelName.equals(model.getModelName())) {
            throw new IncompatibleModelException(where + ": this assigner serves model '" + modelName + "'");
        }
        SegmentScorer scorer = SegmentScorer.compile(model);
        double modelHalfLife = model.getFeatureSpec().getHalfLifeDays();
        if (Double.compare(modelHalfLife, halfLifeDays) != 0) {
            throw new IncompatibleModelException(where + ": does not fit: its features decay with a half-life of "
                    + modelHalfLife + " days, this assigner folds profiles with " + halfLifeDays
                    + " days (segmenta.half-life.days)");
        }
        if (model.getTrainingWindow() == null || model.getTrainingWindow().getEnd() == null) {
            throw new IncompatibleModelException(where + ": has no training window end (needed for the as-of time)");
        }
        return new CompiledModel(model, scorer);
    }
}
