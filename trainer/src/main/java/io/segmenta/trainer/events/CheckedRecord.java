package io.segmenta.trainer.events;

/**
 * An event record after decoding and validation, as the source emits it: either the {@link DecodedEvent} or, for a
 * record that failed, the dead letter to write (one of the two is set). The check happens in the source so that the
 * watermarks can be per Kafka partition and made of accepted event times only (a rejected far-future event must not
 * close windows). A Flink POJO.
 */
public class CheckedRecord {

    public DecodedEvent event;
    public OutboundRecord deadLetter;

    public CheckedRecord() {
    }

    public static CheckedRecord accepted(DecodedEvent event) {
        CheckedRecord r = new CheckedRecord();
        r.event = event;
        return r;
    }

    public static CheckedRecord rejected(OutboundRecord deadLetter) {
        CheckedRecord r = new CheckedRecord();
        r.deadLetter = deadLetter;
        return r;
    }

    /** The event time of an accepted event; {@link Long#MIN_VALUE} (never moves a watermark) for a dead letter. */
    public long eventTime() {
        return event == null ? Long.MIN_VALUE : event.eventTime;
    }

    @Override
    public String toString() {
        return event != null ? event.toString() : "CheckedRecord{dead letter to " + deadLetter.topic + "}";
    }
}
