package io.segmenta.it.pipeline;

import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.SegmentChange;
import io.segmenta.avro.SegmentModel;
import io.segmenta.it.support.PipelineUnderTest;
import io.segmenta.streams.AssignerKeys;
import io.segmenta.streams.AssignerService;
import io.segmenta.transactions.TransactionMappings;
import io.segmenta.transactions.TransactionReader;
import io.segmenta.transactions.synthetic.GeneratorOptions;
import io.segmenta.transactions.synthetic.SyntheticDataset;
import io.segmenta.transactions.synthetic.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Event-time scoring on a real broker, registry, Flink trainer and Kafka Streams: the segment changes are a function
 * of the events and the model history. A live run (trainer and assigner fed at once, the assigner far ahead of the
 * trainer's models) is followed by two replays of the same events with the finished history, as assigner
 * applications of their own, paced differently. The replays agree change for change; the live run differs only
 * where a version arrived after its validity had begun, which it counts.
 */
class EventTimeReplayIT {

    private static final Duration WAIT = Duration.ofSeconds(240);

    @TempDir
    Path dir;

    @Test
    void aReplayOfTheHistoryGivesTheSameChangesHoweverItIsPacedAndTheLiveRunDiffersOnlyByItsLateModels()
            throws Exception {
        // given: six weeks of transactions from the independent generator, and a pipeline fed with all of them at once
        GeneratorOptions options = GeneratorOptions.defaults().withCustomers(300).withDays(49).withSeed(23)
                .withVariant(Variant.STATIONARY);
        SyntheticDataset.Written written = SyntheticDataset.write(options, dir, SyntheticDataset.Layout.SINGLE_FILE);
        List<CustomerEvent> events = new ArrayList<>();
        new TransactionReader(TransactionMappings.resolve("online-retail")).read(written.transactions(), events::add);
        events.sort(Comparator.comparing(CustomerEvent::getEventTime));
        // the last window to close: the watermark (latest event time less the 5 minutes of out-of-orderness) passes it
        long week = Duration.ofDays(7).toMillis();
        long watermark = events.getLast().getEventTime().minus(Duration.ofMinutes(5)).toEpochMilli();
        Instant lastEnd = Instant.ofEpochMilli(Math.floorDiv(watermark, week) * week);

        try (PipelineUnderTest pipeline = new PipelineUnderTest("event-time-" + System.currentTimeMillis())
                .startAssigner().startTrainer("4", "P7D")) {
            // when: the live run processes everything, then two replays run over the finished history
            pipeline.sendEvents(events);
            SegmentModel last = pipeline.modelForWindowEnd(lastEnd, WAIT);
            pipeline.awaitAssignerCaughtUp(WAIT);
            awaitPassesDone(pipeline.assigner());
            double late = pipeline.assigner().runtime().metrics().takeovers(true);
            double inTime = pipeline.assigner().runtime().metrics().takeovers(false);
            Map<String, List<String>> live = byCustomer(pipeline.readAllValues("segment-changes", SegmentChange.class, WAIT));

            Map<String, List<String>> replay1 = replay(pipeline, "replay1.", Map.of());
            Map<String, List<String>> replay2 = replay(pipeline, "replay2.", Map.of(
                    AssignerKeys.RESCORE_CHUNK.key(), "7", AssignerKeys.RESCORE_INTERVAL.key(), "1ms"));

            // then: the replays agree change for change; the live run's differences are its late models' corrections
            long changes = replay1.values().stream().mapToLong(List::size).sum();
            long liveDiffers = live.keySet().stream().filter(id -> !Objects.equals(live.get(id), replay1.get(id))).count()
                    + replay1.keySet().stream().filter(id -> !live.containsKey(id)).count();
            System.out.printf("[event time] %,d events of %d customers, models v1..v%d; live: %.0f late and %.0f in-time "
                            + "take-overs; replays: %,d changes of %d customers, identical: %s; live run differs for %d "
                            + "customers%n", events.size(), options.customers(), last.getVersion(), late, inTime,
                    changes, replay1.size(), replay1.equals(replay2), liveDiffers);
            assertThat(changes).isPositive();
            assertThat(replay2).isEqualTo(replay1);
            if (late == 0) {
                assertThat(live).as("no model came late, so the live run is a replay too").isEqualTo(replay1);
            }
        }
    }

    /** Runs the assigner as an application of its own over the pipeline's events and model history. */
    private static Map<String, List<String>> replay(PipelineUnderTest pipeline, String outputs,
                                                    Map<String, String> settings) throws Exception {
        String application = pipeline.prefix + "-" + outputs.replace(".", "");
        try (AssignerService assigner = pipeline.startAssignerApplication(application, outputs, settings)) {
            pipeline.awaitCaughtUp(application, WAIT);
            assertThat(assigner.runtime().metrics().takeovers(true)).as("late take-overs in a replay").isZero();
            return byCustomer(pipeline.readAllValues(outputs + "segment-changes", SegmentChange.class, WAIT));
        }
    }

    /** Each customer's changes in order: segment, model version, cause and event time. */
    private static Map<String, List<String>> byCustomer(List<SegmentChange> changes) {
        Map<String, List<String>> out = new TreeMap<>();
        for (SegmentChange c : changes) {
            out.computeIfAbsent(c.getCustomerId(), id -> new ArrayList<>()).add(c.getSegmentId() + ":v"
                    + c.getModelVersion() + ":" + c.getCause() + ":" + c.getEventTime());
        }
        return out;
    }

    private static void awaitPassesDone(AssignerService assigner) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (assigner.runtime().rescore().summary().running() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }
}
