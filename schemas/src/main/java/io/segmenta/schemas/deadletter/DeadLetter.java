package io.segmenta.schemas.deadletter;

import io.segmenta.schemas.TopicNames;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;

/**
 * A record that could not be processed, as it goes to the {@code segment-dlq} topic: the original key and
 * value bytes untouched (so it can be replayed once the cause is fixed), and where it came from and why in
 * headers. Shared by the assigner and the trainer so that one tool can read both.
 *
 * @param reason       machine-readable cause, e.g. {@code NO_MAGIC_BYTE} or {@code NEGATIVE_AMOUNT}
 * @param errorClass   class of the exception (or validator) that refused it
 * @param errorMessage human-readable explanation
 * @param stage        which service refused it: {@code assigner} or {@code trainer}
 */
public record DeadLetter(byte[] key, byte[] value, String sourceTopic, int sourcePartition, long sourceOffset,
                         long sourceTimestamp, String reason, String errorClass, String errorMessage, String stage) {

    public static final String TOPIC = TopicNames.SEGMENT_DLQ;

    public static final String REASON = "dlq.reason";
    public static final String ERROR_CLASS = "dlq.error.class";
    public static final String ERROR_MESSAGE = "dlq.error.message";
    public static final String SOURCE_TOPIC = "dlq.source.topic";
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    public static final String SOURCE_OFFSET = "dlq.source.offset";
    public static final String SOURCE_TIMESTAMP = "dlq.source.timestamp";
    public static final String STAGE = "dlq.stage";

    // headers are bounded: a pathological message must not make the dead letter itself too large
    private static final int MAX_MESSAGE_CHARS = 2000;

    /** The headers of the dead-letter record. */
    public Headers headers() {
        Headers headers = new RecordHeaders();
        add(headers, REASON, reason);
        add(headers, ERROR_CLASS, errorClass);
        add(headers, ERROR_MESSAGE, errorMessage == null ? null
                : errorMessage.length() <= MAX_MESSAGE_CHARS ? errorMessage : errorMessage.substring(0, MAX_MESSAGE_CHARS) + "...");
        add(headers, SOURCE_TOPIC, sourceTopic);
        add(headers, SOURCE_PARTITION, Integer.toString(sourcePartition));
        add(headers, SOURCE_OFFSET, Long.toString(sourceOffset));
        add(headers, SOURCE_TIMESTAMP, Long.toString(sourceTimestamp));
        add(headers, STAGE, stage);
        return headers;
    }

    /** Reads a dead letter back from a record of the dead-letter topic. */
    public static DeadLetter fromRecord(byte[] key, byte[] value, Headers headers) {
        return new DeadLetter(key, value, text(headers, SOURCE_TOPIC), Integer.parseInt(textOr(headers, SOURCE_PARTITION, "-1")),
                Long.parseLong(textOr(headers, SOURCE_OFFSET, "-1")), Long.parseLong(textOr(headers, SOURCE_TIMESTAMP, "-1")),
                text(headers, REASON), text(headers, ERROR_CLASS), text(headers, ERROR_MESSAGE), text(headers, STAGE));
    }

    private static void add(Headers headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String text(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String textOr(Headers headers, String name, String fallback) {
        String v = text(headers, name);
        return v == null ? fallback : v;
    }
}
