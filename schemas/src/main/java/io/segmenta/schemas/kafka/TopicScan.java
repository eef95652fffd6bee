package io.segmenta.schemas.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Reads every partition of a topic from the beginning to the end offsets it had when the scan started: how the
 * trainer's bootstrap and the analyst's publisher find the newest model on the compacted models topic. A scan that
 * cannot reach the end in time fails rather than answering from part of the topic (a partial answer would re-use a
 * version number).
 */
public final class TopicScan {

    private TopicScan() {
    }

    /**
     * @return false when the topic does not exist (nothing was read)
     * @throws IllegalStateException when the end is not reached within {@code timeout}
     */
    public static <K, V> boolean readToEnd(Consumer<K, V> consumer, String topic, Duration timeout,
                                           java.util.function.Consumer<ConsumerRecord<K, V>> each) {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
        if (partitions == null || partitions.isEmpty()) {
            return false;
        }
        List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        Map<TopicPartition, Long> end = consumer.endOffsets(assigned, timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!reached(consumer, end)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout + " reading " + topic + " to its end "
                        + end.values().stream().mapToLong(Long::longValue).sum() + " records in");
            }
            consumer.poll(Duration.ofMillis(200)).forEach(each);
        }
        return true;
    }

    private static boolean reached(Consumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
