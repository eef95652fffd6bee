package io.segmenta.trainer.job;

import io.segmenta.trainer.events.CheckedRecord;
import io.segmenta.trainer.events.DecodedEvent;
import io.segmenta.trainer.events.OutboundRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Accepted events go on (with their timestamps); dead letters go to {@link #DEAD_LETTERS} and are counted. */
public final class SplitDeadLetters extends ProcessFunction<CheckedRecord, DecodedEvent> {

    public static final OutputTag<OutboundRecord> DEAD_LETTERS = new OutputTag<>("dead-letters") {
    };

    private transient Counter deadLettered;

    @Override
    public void open(OpenContext openContext) {
        deadLettered = getRuntimeContext().getMetricGroup().counter("deadLetters");
    }

    @Override
    public void processElement(CheckedRecord record, Context ctx, Collector<DecodedEvent> out) {
        if (record.event != null) {
            out.collect(record.event);
        } else {
            ctx.output(DEAD_LETTERS, record.deadLetter);
            deadLettered.inc();
        }
    }
}
