package io.segmenta.streams.processor;

import io.segmenta.schemas.deadletter.DeadLetter;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Builds the dead-letter record of an input the assigner cannot process: original bytes, cause in headers. */
final class DeadLetters {

    static final String STAGE = "assigner";

    private DeadLetters() {
    }

    static Record<String, byte[]> of(Record<String, byte[]> original, Optional<RecordMetadata> source, String reason,
                                     String errorClass, String errorMessage) {
        DeadLetter letter = new DeadLetter(
                original.key() == null ? null : original.key().getBytes(StandardCharsets.UTF_8),
                original.value(),
                source.map(RecordMetadata::topic).orElse(null),
                source.map(RecordMetadata::partition).orElse(-1),
                source.map(RecordMetadata::offset).orElse(-1L),
                original.timestamp(), reason, errorClass, errorMessage, STAGE);
        return new Record<>(original.key(), original.value(), original.timestamp(), letter.headers());
    }
}
