package io.segmenta.trainer.events;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A record the job writes, already serialized: one exactly-once sink takes every output (models, model
 * history, drift reports, dead letters), each naming its topic. A Flink POJO.
 */
public class OutboundRecord {

    public String topic;
    public byte[] key;
    public byte[] value;
    public long timestamp;
    public String[] headerNames = new String[0];
    public byte[][] headerValues = new byte[0][];

    public OutboundRecord() {
    }

    public OutboundRecord(String topic, byte[] key, byte[] value, long timestamp) {
        this.topic = topic;
        this.key = key;
        this.value = value;
        this.timestamp = timestamp;
    }

    public static OutboundRecord keyed(String topic, String key, byte[] value, long timestamp) {
        return new OutboundRecord(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, timestamp);
    }

    public String keyText() {
        return key == null ? null : new String(key, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutboundRecord r && timestamp == r.timestamp && Objects.equals(topic, r.topic)
                && Arrays.equals(key, r.key) && Arrays.equals(value, r.value)
                && Arrays.equals(headerNames, r.headerNames) && Arrays.deepEquals(headerValues, r.headerValues);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, Arrays.hashCode(key), Arrays.hashCode(value));
    }

    @Override
    public String toString() {
        return "OutboundRecord{" + topic + ", key=" + keyText() + ", " + (value == null ? 0 : value.length) + " bytes}";
    }
}
