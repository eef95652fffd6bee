package io.segmenta.streams.state;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serde of {@link CustomerState} with {@link CustomerStateCodec}, for the customers store. */
public final class CustomerStateSerde implements Serde<CustomerState> {

    private final CustomerStateCodec codec;

    public CustomerStateSerde(int dedupCapacity) {
        this.codec = new CustomerStateCodec(dedupCapacity);
    }

    @Override
    public Serializer<CustomerState> serializer() {
        return (topic, state) -> state == null ? null : codec.encode(state);
    }

    @Override
    public Deserializer<CustomerState> deserializer() {
        return (topic, bytes) -> bytes == null ? null : codec.decode(bytes);
    }
}
