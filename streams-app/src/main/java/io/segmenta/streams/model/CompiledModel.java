package io.segmenta.streams.model;

import io.segmenta.assigner.features.FeatureSpecs;
import io.segmenta.assigner.profile.CustomerProfile;
import io.segmenta.assigner.scoring.SegmentScorer;
import io.segmenta.avro.SegmentModel;

import java.util.Objects;

/** A model that passed every check, with its compiled scorer. Immutable and thread-safe. */
public record CompiledModel(SegmentModel model, SegmentScorer scorer) {

    public CompiledModel {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(scorer, "scorer");
    }

    public String name() {
        return model.getModelName();
    }

    public long version() {
        return model.getVersion();
    }

    public long trainingEndMillis() {
        return model.getTrainingWindow().getEnd().toEpochMilli();
    }

    /**
     * Event time from which this version scores: its own {@code validFrom} when it was promoted later than it was
     * trained, else the end of its training window (never before that end: it must not score the data it learned
     * from as if it had been known then).
     */
    public long validFromMillis() {
        long end = trainingEndMillis();
        return model.getValidFrom() == null ? end : Math.max(end, model.getValidFrom().toEpochMilli());
    }

    /**
     * The time a profile is read at when this model scores it, by the rule of its spec
     * ({@link FeatureSpecs#readAtMillis}): the customer's last event, or the later of it and the training window's
     * end. The trainer reads its window's profiles by the same rule. It depends on the data only, never on the
     * clock, so a replay after a crash scores exactly as the first run did.
     */
    public long asOfMillis(CustomerProfile profile) {
        return FeatureSpecs.readAtMillis(model.getFeatureSpec(), profile.lastEventMillis(), trainingEndMillis());
    }

    @Override
    public String toString() {
        return "model '" + name() + "' v" + version();
    }
}
