package io.segmenta.trainer.kafka;

import io.segmenta.trainer.events.OutboundRecord;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Writes an {@link OutboundRecord} to the topic it names, with its headers. */
public final class OutboundRecordSerializer implements KafkaRecordSerializationSchema<OutboundRecord> {

    @Override
    public ProducerRecord<byte[], byte[]> serialize(OutboundRecord record, KafkaSinkContext context, Long timestamp) {
        RecordHeaders headers = new RecordHeaders();
        for (int i = 0; i < record.headerNames.length; i++) {
            headers.add(record.headerNames[i], record.headerValues[i]);
        }
        return new ProducerRecord<>(record.topic, null, record.timestamp > 0 ? record.timestamp : null,
                record.key, record.value, headers);
    }
}
