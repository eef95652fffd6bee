package io.segmenta.trainer.events;

/**
 * A valid customer event, keyed and timed, with the record as plain Avro binary of the current
 * {@code CustomerEvent} schema (already resolved from the producer's schema): Avro objects do not cross Flink
 * operators, so no generic (Kryo) serialization is involved. A Flink POJO.
 */
public class DecodedEvent {

    public String customerId;
    public long eventTime;
    public byte[] payload;

    public DecodedEvent() {
    }

    public DecodedEvent(String customerId, long eventTime, byte[] payload) {
        this.customerId = customerId;
        this.eventTime = eventTime;
        this.payload = payload;
    }

    @Override
    public String toString() {
        return "DecodedEvent{" + customerId + " @" + eventTime + "}";
    }
}
