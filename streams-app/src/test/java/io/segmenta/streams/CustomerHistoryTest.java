package io.segmenta.streams;

import io.segmenta.avro.ChangeCause;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.SegmentChange;
import io.segmenta.schemas.registry.InMemorySchemaRegistry;
import io.segmenta.streams.processor.NodeNames;
import io.segmenta.streams.state.SegmentHistory;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.segmenta.streams.EventTimeScoringTest.CUSTOMERS;
import static io.segmenta.streams.EventTimeScoringTest.HISTORY;
import static io.segmenta.streams.EventTimeScoringTest.events;
import static io.segmenta.streams.EventTimeScoringTest.validFrom;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each customer's bounded segment history (store {@value NodeNames#HISTORY_STORE}), which answers
 * {@code GET /customers/{id}/history} and {@code ?at=}: it holds her changes in event time, the same however a replay
 * is paced.
 */
class CustomerHistoryTest {

    @TempDir
    Path stateDir;

    final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    void theHistoryHoldsEveryChangeAtTheEventTimeItTookEffect() {
        // given: the model history, then the events in time order
        try (AssignerDriver assigner = driver("in-order", Map.of())) {
            HISTORY.forEach(assigner::publishVersion);
            events().forEach(assigner::send);

            List<SegmentChange> changes = assigner.changeValues();
            for (int c = 0; c < CUSTOMERS; c++) {
                String id = "c" + c;
                List<SegmentChange> hers = changes.stream().filter(ch -> ch.getCustomerId().equals(id)).toList();
                SegmentHistory history = histories(assigner).get(id);
                // then: one transition per change, same segments, versions and causes, in order
                assertThat(history.transitions()).extracting(SegmentHistory.Transition::segmentId)
                        .as(id).containsExactlyElementsOf(hers.stream().map(SegmentChange::getSegmentId).toList());
                assertThat(history.transitions()).extracting(SegmentHistory.Transition::cause)
                        .containsExactlyElementsOf(hers.stream().map(SegmentChange::getCause).toList());
                for (SegmentHistory.Transition t : history.transitions()) {
                    if (t.cause() == ChangeCause.MODEL_UPDATE) {
                        // a version the events reached takes effect where its validity starts (or at her later event)
                        long start = validFrom(HISTORY.get((int) t.modelVersion() - 1));
                        assertThat(t.atMillis()).as("%s v%d", id, t.modelVersion()).isGreaterThanOrEqualTo(start);
                    }
                }
                // and: at each of her changes' event times she held the segment the change names
                for (SegmentChange ch : hers) {
                    if (ch.getCause() == ChangeCause.EVENT) {
                        var held = history.at(ch.getEventTime().toEpochMilli());
                        assertThat(held).isInstanceOf(SegmentHistory.HeldAt.Segment.class);
                        assertThat(((SegmentHistory.HeldAt.Segment) held).since().segmentId())
                                .isEqualTo(ch.getSegmentId());
                    }
                }
            }
            // before any model was valid nobody held a segment
            assertThat(histories(assigner).values()).allSatisfy(h -> assertThat(h.at(validFrom(HISTORY.getFirst()) - 1))
                    .isEqualTo(new SegmentHistory.HeldAt.NoSegment()));
        }
    }

    @Test
    void aReplayKeepsTheSameHistoriesHoweverItIsPaced() {
        Map<String, SegmentHistory> paced;
        try (AssignerDriver assigner = driver("paced", Map.of("segmenta.rescore.chunk", "1"))) {
            HISTORY.forEach(assigner::publishVersion);
            for (CustomerEvent e : events()) {
                assigner.send(e);
                assigner.punctuate();
            }
            paced = histories(assigner);
        }
        Map<String, SegmentHistory> fast;
        try (AssignerDriver assigner = driver("fast", Map.of("segmenta.rescore.chunk", "5000"))) {
            HISTORY.forEach(assigner::publishVersion);
            events().forEach(assigner::send);
            fast = histories(assigner);
        }

        assertThat(paced).hasSize(CUSTOMERS).isEqualTo(fast);
    }

    @Test
    void aSmallCapacityKeepsTheLatestTransitionsAndSaysOlderOnesWereDropped() {
        Map<String, SegmentHistory> full;
        try (AssignerDriver assigner = driver("full", Map.of())) {
            HISTORY.forEach(assigner::publishVersion);
            events().forEach(assigner::send);
            full = histories(assigner);
        }
        try (AssignerDriver assigner = driver("one", Map.of("segmenta.assign.history-size", "1"))) {
            HISTORY.forEach(assigner::publishVersion);
            events().forEach(assigner::send);

            Map<String, SegmentHistory> one = histories(assigner);
            assertThat(full.values()).anySatisfy(h -> assertThat(h.transitions()).hasSizeGreaterThan(1));
            full.forEach((id, h) -> {
                List<SegmentHistory.Transition> all = h.transitions();
                assertThat(one.get(id).transitions()).as(id).containsExactly(all.getLast());
                assertThat(one.get(id).truncated()).isEqualTo(all.size() > 1);
            });
        }
    }

    @Test
    void aCapacityOfZeroKeepsNone() {
        try (AssignerDriver assigner = driver("none", Map.of("segmenta.assign.history-size", "0"))) {
            HISTORY.forEach(assigner::publishVersion);
            events().forEach(assigner::send);

            assertThat(assigner.changeValues()).isNotEmpty();
            assertThat(histories(assigner)).isEmpty();
        }
    }

    private AssignerDriver driver(String name, Map<String, String> settings) {
        return new AssignerDriver(stateDir.resolve(name), registry, settings);
    }

    private static Map<String, SegmentHistory> histories(AssignerDriver assigner) {
        KeyValueStore<String, SegmentHistory> store = assigner.driver.getKeyValueStore(NodeNames.HISTORY_STORE);
        Map<String, SegmentHistory> all = new TreeMap<>();
        try (var it = store.all()) {
            it.forEachRemaining(kv -> all.put(kv.key, kv.value));
        }
        return all;
    }

}
