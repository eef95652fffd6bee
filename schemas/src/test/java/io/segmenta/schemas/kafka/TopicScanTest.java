package io.segmenta.schemas.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicScanTest {

    private static final String TOPIC = "models";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    private static MockConsumer<String, String> twoPartitions(long end0, long end1) {
        MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
        consumer.updatePartitions(TOPIC, List.of(partition(0), partition(1)));
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        consumer.updateEndOffsets(Map.of(P0, end0, P1, end1));
        return consumer;
    }

    private static PartitionInfo partition(int p) {
        return new PartitionInfo(TOPIC, p, Node.noNode(), new Node[0], new Node[0]);
    }

    @Test
    void readsEveryPartitionFromTheBeginningToTheEndItHadAtTheStart() {
        // given: two records on partition 0, one on partition 1
        MockConsumer<String, String> consumer = twoPartitions(2, 1);
        consumer.schedulePollTask(() -> {
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 0, "a", "a0"));
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 1, 0, "b", "b0"));
        });
        consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 1, "a", "a1")));

        // when
        List<String> read = new ArrayList<>();
        boolean exists = TopicScan.readToEnd(consumer, TOPIC, Duration.ofSeconds(5), r -> read.add(r.value()));

        // then
        assertThat(exists).isTrue();
        assertThat(read).containsExactlyInAnyOrder("a0", "b0", "a1");
    }

    @Test
    void aMissingTopicReadsNothing() {
        MockConsumer<String, String> consumer = new MockConsumer<>("earliest");

        assertThat(TopicScan.readToEnd(consumer, TOPIC, Duration.ofSeconds(1), r -> { })).isFalse();
    }

    @Test
    void anEndNotReachedInTimeFailsInsteadOfAnsweringFromPartOfTheTopic() {
        // given: the end offsets promise a record that never arrives
        MockConsumer<String, String> consumer = twoPartitions(1, 0);

        // then
        assertThatThrownBy(() -> TopicScan.readToEnd(consumer, TOPIC, Duration.ofMillis(300), r -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("reading models to its end");
    }
}
