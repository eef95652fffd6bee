package io.segmenta.trainer.job;

import io.segmenta.fitting.refit.RefitOutcome;
import io.segmenta.fitting.refit.RefitPath;
import io.segmenta.fitting.refit.SpecRefit;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

import java.util.EnumMap;
import java.util.Map;

/**
 * The reducer's count of refit outcomes, as Flink counters: one per {@link RefitPath} (group {@code refitPath}) and
 * one per {@link SpecRefit.Status} (group {@code specRefit}), so that a policy that keeps refusing, or a spec that
 * keeps failing to re-fit, shows on the dashboard rather than only in the log.
 */
final class RefitCounters {

    private final Map<RefitPath, Counter> paths = new EnumMap<>(RefitPath.class);
    private final Map<SpecRefit.Status, Counter> specRefits = new EnumMap<>(SpecRefit.Status.class);

    RefitCounters(MetricGroup metrics) {
        MetricGroup pathGroup = metrics.addGroup("refitPath");
        for (RefitPath path : RefitPath.values()) {
            paths.put(path, pathGroup.counter(path.name()));
        }
        MetricGroup specGroup = metrics.addGroup("specRefit");
        for (SpecRefit.Status status : SpecRefit.Status.values()) {
            specRefits.put(status, specGroup.counter(status.name()));
        }
    }

    void count(RefitOutcome outcome) {
        paths.get(outcome.path()).inc();
        specRefits.get(outcome.specRefit().status()).inc();
    }

    long count(RefitPath path) {
        return paths.get(path).getCount();
    }

    long count(SpecRefit.Status status) {
        return specRefits.get(status).getCount();
    }
}
