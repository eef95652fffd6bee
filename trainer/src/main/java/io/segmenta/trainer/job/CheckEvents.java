package io.segmenta.trainer.job;

import io.segmenta.trainer.events.CheckedRecord;
import io.segmenta.trainer.events.EventChecker;
import io.segmenta.trainer.events.RawRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/** {@link EventChecker} as a map, for event streams injected undecoded (tests, benchmarks). */
public final class CheckEvents extends RichMapFunction<RawRecord, CheckedRecord> {

    private final EventChecker checker;

    public CheckEvents(EventChecker checker) {
        this.checker = checker;
    }

    @Override
    public void open(OpenContext openContext) {
        checker.open();
    }

    @Override
    public CheckedRecord map(RawRecord record) {
        return checker.check(record);
    }
}
