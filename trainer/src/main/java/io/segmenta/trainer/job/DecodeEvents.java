package io.segmenta.trainer.job;

import io.segmenta.assigner.events.EventRules;
import io.segmenta.assigner.events.EventValidator;
import io.segmenta.assigner.events.EventVerdict;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.schemas.deadletter.DeadLetter;
import io.segmenta.schemas.registry.RestSchemaRegistryClient;
import io.segmenta.schemas.serde.AvroDeserializer;
import io.segmenta.schemas.serde.WireFormatException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.apache.kafka.common.header.Header;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes Confluent-framed Avro and validates each event with the core's {@link EventValidator} (the same
 * rules as the assigner). A record that fails either way goes to the {@link #DEAD_LETTERS} side output with its
 * original bytes and the reason: it never fails the job. A registry that cannot be reached does fail the task
 * (Flink restarts it from the last checkpoint), because that is not the record's fault.
 */
public final class DecodeEvents extends ProcessFunction<RawRecord, DecodedEvent> {

    public static final OutputTag<OutboundRecord> DEAD_LETTERS = new OutputTag<>("dead-letters") {
    };

    private final Map<String, String> registryConfig;
    private final EventRules rules;
    private final String deadLetterTopic;
    private final Clock clock;

    private transient AvroDeserializer<CustomerEvent> deserializer;
    private transient EventValidator validator;
    private transient EventPayloads payloads;
    private transient Counter deadLettered;

    /**
     * @param registryConfig Confluent-style client properties of the schema registry
     *                       ({@code schema.registry.url}, auth, TLS)
     */
    public DecodeEvents(Map<String, String> registryConfig, EventRules rules, String deadLetterTopic, Clock clock) {
        this.registryConfig = Map.copyOf(registryConfig);
        this.rules = rules;
        this.deadLetterTopic = deadLetterTopic;
        this.clock = clock;
    }

    @Override
    public void open(OpenContext openContext) {
        deserializer = new AvroDeserializer<>(RestSchemaRegistryClient.fromProperties(registryConfig), CustomerEvent.class);
        validator = new EventValidator(rules);
        payloads = new EventPayloads();
        deadLettered = getRuntimeContext().getMetricGroup().counter("deadLetters");
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<DecodedEvent> out) {
        CustomerEvent event;
        try {
            event = deserializer.deserialize(record.topic, record.value);
        } catch (WireFormatException e) {
            WireFormatException located = e.at(record.partition, record.offset);
            deadLetter(ctx, record, located.reason().name(), located.getClass().getName(), located.getMessage());
            return;
        }
        EventVerdict verdict = validator.validate(event, clock.millis());
        if (verdict.check().rejects()) {
            deadLetter(ctx, record, verdict.check().name(), EventValidator.class.getName(), verdict.message());
            return;
        }
        out.collect(new DecodedEvent(event.getCustomerId(), event.getEventTime().toEpochMilli(), payloads.encode(event)));
    }

    private void deadLetter(Context ctx, RawRecord record, String reason, String errorClass, String message) {
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
        ctx.output(DEAD_LETTERS, dlq);
        deadLettered.inc();
    }
}
