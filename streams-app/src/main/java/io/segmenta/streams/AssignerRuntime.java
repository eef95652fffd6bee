package io.segmenta.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.segmenta.streams.metrics.AssignerMetrics;
import io.segmenta.streams.metrics.LiveDrift;
import io.segmenta.streams.metrics.RescoreProgress;
import io.segmenta.streams.model.ModelBoard;
import io.segmenta.streams.model.ModelCompiler;
import io.segmenta.streams.model.ScorerCache;

/**
 * The in-memory objects that the topology's tasks share with each other and with the HTTP API in one process:
 * models seen and active, compiled scorers, drift windows, re-score progress and meters. Create one per
 * {@link AssignerService} (or per test) and hand it to {@link AssignerTopology#build}.
 */
public record AssignerRuntime(ModelBoard models, ScorerCache scorers, LiveDrift drift, RescoreProgress rescore,
                              AssignerMetrics metrics) {

    public static AssignerRuntime create(AssignerSettings settings, MeterRegistry meters) {
        ModelBoard models = new ModelBoard();
        LiveDrift drift = new LiveDrift();
        RescoreProgress rescore = new RescoreProgress();
        return new AssignerRuntime(models,
                new ScorerCache(new ModelCompiler(settings.modelName(), settings.halfLifeDays())),
                drift, rescore, new AssignerMetrics(meters, models, drift, rescore));
    }
}
