package io.segmenta.trainer.events;

import io.segmenta.assigner.events.EventRules;
import io.segmenta.assigner.events.EventValidator;
import io.segmenta.assigner.events.EventVerdict;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.schemas.deadletter.DeadLetter;
import io.segmenta.schemas.registry.RestSchemaRegistryClient;
import io.segmenta.schemas.serde.AvroDeserializer;
import io.segmenta.schemas.serde.WireFormatException;
import org.apache.kafka.common.header.Header;

import java.io.Serializable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes Confluent-framed Avro and validates each event with the core's {@link EventValidator} (the same rules as
 * the assigner). A record that fails either way becomes a dead letter with its original bytes and the reason: it
 * never fails the job. A registry that cannot be reached does fail the task (Flink restarts it from the last
 * checkpoint), because that is not the record's fault. Used by the Kafka source ({@link CheckedEventDeserializer})
 * and by {@link CheckEvents} for injected streams; {@link #open()} before the first {@link #check}.
 */
public final class EventChecker implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Map<String, String> registryConfig;
    private final EventRules rules;
    private final String deadLetterTopic;
    private final Clock clock;

    private transient AvroDeserializer<CustomerEvent> deserializer;
    private transient EventValidator validator;
    private transient EventPayloads payloads;

    /**
     * @param registryConfig Confluent-style client properties of the schema registry
     *                       ({@code schema.registry.url}, auth, TLS)
     */
    public EventChecker(Map<String, String> registryConfig, EventRules rules, String deadLetterTopic, Clock clock) {
        this.registryConfig = Map.copyOf(registryConfig);
        this.rules = rules;
        this.deadLetterTopic = deadLetterTopic;
        this.clock = clock;
    }

    public void open() {
        deserializer = new AvroDeserializer<>(RestSchemaRegistryClient.fromProperties(registryConfig), CustomerEvent.class);
        validator = new EventValidator(rules);
        payloads = new EventPayloads();
    }

    public CheckedRecord check(RawRecord record) {
        CustomerEvent event;
        try {
            event = deserializer.deserialize(record.topic, record.value);
        } catch (WireFormatException e) {
            WireFormatException located = e.at(record.partition, record.offset);
            return deadLetter(record, located.reason().name(), located.getClass().getName(), located.getMessage());
        }
        EventVerdict verdict = validator.validate(event, clock.millis());
        if (verdict.check().rejects()) {
            return deadLetter(record, verdict.check().name(), EventValidator.class.getName(), verdict.message());
        }
        return CheckedRecord.accepted(new DecodedEvent(event.getCustomerId(), event.getEventTime().toEpochMilli(),
                payloads.encode(event)));
    }

    private CheckedRecord deadLetter(RawRecord record, String reason, String errorClass, String message) {
        DeadLetter letter = new DeadLetter(record.key, record.value, record.topic, record.partition, record.offset,
                record.timestamp, reason, errorClass, message, "trainer");
        OutboundRecord dlq = new OutboundRecord(deadLetterTopic, record.key, record.value, record.timestamp);
        List<String> names = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        for (Header h : letter.headers()) {
            names.add(h.key());
            values.add(h.value());
        }
        dlq.headerNames = names.toArray(String[]::new);
        dlq.headerValues = values.toArray(byte[][]::new);
        return CheckedRecord.rejected(dlq);
    }
}
