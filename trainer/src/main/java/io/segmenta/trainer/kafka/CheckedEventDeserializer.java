package io.segmenta.trainer.kafka;

import io.segmenta.trainer.events.CheckedRecord;
import io.segmenta.trainer.events.EventChecker;
import io.segmenta.trainer.events.RawRecord;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes and validates event records inside the Kafka source, so that the source's watermark strategy sees each
 * partition's accepted event times (Flink keeps a watermark per split): a partition read ahead of another then
 * cannot make the other's events late. Never fails on a bad record; it becomes a dead letter.
 */
public final class CheckedEventDeserializer implements KafkaRecordDeserializationSchema<CheckedRecord> {

    private final EventChecker checker;

    public CheckedEventDeserializer(EventChecker checker) {
        this.checker = checker;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        checker.open();
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<CheckedRecord> out) {
        out.collect(checker.check(new RawRecord(record.topic(), record.partition(), record.offset(),
                record.timestamp(), record.key(), record.value())));
    }

    @Override
    public TypeInformation<CheckedRecord> getProducedType() {
        return TypeInformation.of(CheckedRecord.class);
    }
}
