package io.segmenta.it.crash;

import io.segmenta.app.demo.data.SyntheticOptions;
import io.segmenta.app.demo.data.SyntheticPopulation;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.SegmentModel;
import io.segmenta.it.support.CommittedRecords;
import io.segmenta.it.support.EventWeeks;
import io.segmenta.it.support.PipelineUnderTest;
import io.segmenta.it.support.TrainerProcess;
import io.segmenta.schemas.serde.AvroDeserializer;
import io.segmenta.trainer.config.RetainedCheckpoints;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 5: the trainer process is killed (SIGKILL) while events flow, then started again with
 * {@code --restore latest} from its retained checkpoints while events keep coming. Read with read_committed, the
 * model versions on {@code segment-model-history} continue with no gap and no version with two contents, and the
 * compacted {@code segment-models} holds the newest.
 */
class TrainerCrashIT {

    private static final Duration WEEK = Duration.ofDays(7);

    @Test
    void aKilledTrainerRestoredFromItsLatestCheckpointContinuesTheVersionsWithoutGapsOrDuplicates() throws Exception {
        Path work = Files.createTempDirectory("trainer-crash");
        String checkpoints = work.resolve("checkpoints").toUri().toString();
        try (PipelineUnderTest pipeline = new PipelineUnderTest("tcrash-" + System.currentTimeMillis())) {
            // given: twelve weeks of events, sent one training window (a week) at a time
            SyntheticPopulation population = SyntheticPopulation.generate(SyntheticOptions.defaults().withCustomers(300)
                    .withDays(84).withSeed(5).withDrift(false));
            List<List<CustomerEvent>> weeks = EventWeeks.of(population);
            History history = new History(pipeline);
            String[] trainer = {"--k", "3", "--window", "P7D", "--start", "earliest", "--checkpoint-dir", checkpoints};

            // when: the trainer runs (its first checkpoint says so) until it committed two versions, and is killed
            // in the middle of the next window
            Process first = TrainerProcess.start(pipeline, work.resolve("trainer-1.log"), trainer);
            awaitCheckpoint(checkpoints, first, work);
            int sent = 0;
            while (history.latestVersion() < 2) {
                assertThat(sent).as("weeks sent before two versions were committed (see %s)", work).isLessThan(weeks.size() / 2);
                pipeline.sendEvents(weeks.get(sent++));
                history.await(v -> v >= 2, Duration.ofSeconds(3));
            }
            pipeline.sendEvents(weeks.get(sent++));
            Thread.sleep(300);
            first.destroyForcibly();
            first.waitFor(30, TimeUnit.SECONDS);
            int sentAtKill = sent;
            long atKill = history.latestVersion();
            RetainedCheckpoints.Checkpoint restoredFrom = RetainedCheckpoints.latest(checkpoints).orElseThrow();

            // and: events keep coming while it is down, and after it is started again from the latest checkpoint
            pipeline.sendEvents(weeks.get(sent++));
            Path secondLog = work.resolve("trainer-2.log");
            Process second = TrainerProcess.start(pipeline, secondLog, concat(trainer, "--restore", "latest"));
            while (sent < weeks.size()) {
                pipeline.sendEvents(weeks.get(sent++));
                Thread.sleep(1_000);
            }
            history.await(v -> v > atKill + 1, Duration.ofSeconds(60));
            history.awaitQuiet(Duration.ofSeconds(6), Duration.ofSeconds(30));
            second.destroy();
            second.waitFor(30, TimeUnit.SECONDS);

            // then: versions 1..N, each with one content, N past the version at the kill, the compacted topic at N
            TreeMap<Long, List<byte[]>> byVersion = history.byVersion();
            long n = byVersion.lastKey();
            long records = byVersion.values().stream().mapToLong(List::size).sum();
            long versionsWithTwoContents = byVersion.values().stream().filter(copies -> !sameContent(history, copies)).count();
            List<SegmentModel> versions = byVersion.values().stream().map(copies -> history.decode(copies.get(0))).toList();
            long windowsTrainedTwice = java.util.stream.IntStream.range(1, versions.size()).filter(i -> !versions.get(i)
                    .getTrainingWindow().getEnd().isAfter(versions.get(i - 1).getTrainingWindow().getEnd())).count();
            SegmentModel latest = latestOnModelsTopic(pipeline);
            System.out.printf("[trainer crash] %d weeks of events, %d sent before the kill; killed at v%d, restored from "
                            + "checkpoint %d and went on to v%d: %d history records, %d distinct versions, %d versions with "
                            + "different contents, %d windows trained twice, segment-models latest v%d%n", weeks.size(),
                    sentAtKill, atKill, restoredFrom.number(), n, records, byVersion.size(), versionsWithTwoContents,
                    windowsTrainedTwice, latest.getVersion());
            assertThat(Files.readString(secondLog)).contains("trainer: restoring from " + restoredFrom.path());
            assertThat(atKill).isGreaterThanOrEqualTo(2);
            assertThat(byVersion.keySet()).as("versions without a gap").containsExactlyElementsOf(
                    java.util.stream.LongStream.rangeClosed(1, n).boxed().toList());
            assertThat(versionsWithTwoContents).isZero();
            // restored state, not a replay from the earliest offsets: every version trains on a later window
            assertThat(windowsTrainedTwice).isZero();
            assertThat(n).isGreaterThan(atKill);
            assertThat(latest).isEqualTo(history.decode(byVersion.get(n).get(0)));
        }
    }

    private static void awaitCheckpoint(String checkpoints, Process trainer, Path work) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (RetainedCheckpoints.latest(checkpoints).isEmpty()) {
            assertThat(trainer.isAlive()).as("trainer running (see %s)", work).isTrue();
            assertThat(System.nanoTime()).as("a first checkpoint within 60 s (see %s)", work).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static boolean sameContent(History history, List<byte[]> copies) {
        return copies.stream().allMatch(c -> Arrays.equals(c, copies.get(0))
                || history.decode(c).equals(history.decode(copies.get(0))));
    }

    private static SegmentModel latestOnModelsTopic(PipelineUnderTest pipeline) {
        String topic = pipeline.topic("segment-models");
        List<ConsumerRecord<byte[], byte[]>> records = CommittedRecords.read(pipeline.bootstrap, topic);
        assertThat(records).as("records on %s", topic).isNotEmpty();
        return new AvroDeserializer<>(pipeline.registry, SegmentModel.class).deserialize(topic, records.getLast().value());
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** The model history as read_committed consumers see it, read from the beginning each time. */
    private static final class History {
        private final PipelineUnderTest pipeline;
        private final String topic;
        private final AvroDeserializer<SegmentModel> models;

        History(PipelineUnderTest pipeline) {
            this.pipeline = pipeline;
            this.topic = pipeline.topic("segment-model-history");
            this.models = new AvroDeserializer<>(pipeline.registry, SegmentModel.class);
        }

        SegmentModel decode(byte[] value) {
            return models.deserialize(topic, value);
        }

        long latestVersion() {
            return byVersion().keySet().stream().mapToLong(Long::longValue).max().orElse(0);
        }

        TreeMap<Long, List<byte[]>> byVersion() {
            TreeMap<Long, List<byte[]>> byVersion = new TreeMap<>();
            CommittedRecords.read(pipeline.bootstrap, topic).forEach(r ->
                    byVersion.computeIfAbsent(decode(r.value()).getVersion(), v -> new ArrayList<>()).add(r.value()));
            return byVersion;
        }

        void await(LongPredicate done, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(latestVersion()) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
        }

        /** Waits until no new version appeared for {@code quiet}. */
        void awaitQuiet(Duration quiet, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            long version = latestVersion();
            long since = System.nanoTime();
            while (System.nanoTime() < deadline && System.nanoTime() - since < quiet.toNanos()) {
                Thread.sleep(500);
                long now = latestVersion();
                if (now != version) {
                    version = now;
                    since = System.nanoTime();
                }
            }
        }
    }
}
