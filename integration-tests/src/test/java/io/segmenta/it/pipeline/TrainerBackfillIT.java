package io.segmenta.it.pipeline;

import io.segmenta.app.demo.data.SyntheticOptions;
import io.segmenta.app.demo.data.SyntheticPopulation;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.Segment;
import io.segmenta.avro.SegmentModel;
import io.segmenta.it.support.CommittedRecords;
import io.segmenta.it.support.PipelineUnderTest;
import io.segmenta.it.support.TrainerProcess;
import io.segmenta.schemas.serde.AvroDeserializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code trainer --backfill} on history already on the events topic: a bounded run from the earliest offsets to
 * those at start trains, publishes its models (closing the last, partial window at the end of the input) and the
 * process ends by itself with exit code 0.
 */
class TrainerBackfillIT {

    @Test
    void aBackfillTrainsOnTheWholeHistoryPublishesAndEndsByItself() throws Exception {
        Path work = Files.createTempDirectory("trainer-backfill");
        try (PipelineUnderTest pipeline = new PipelineUnderTest("backfill-" + System.currentTimeMillis())) {
            // given: five weeks of history on the events topic, before any trainer runs
            SyntheticPopulation population = SyntheticPopulation.generate(SyntheticOptions.defaults().withCustomers(200)
                    .withDays(35).withSeed(17).withDrift(false));
            Set<String> customers = new HashSet<>();
            List<CustomerEvent> all = new ArrayList<>();
            population.events().forEachRemaining(all::add);
            List<Long> eventTimes = new ArrayList<>();
            Instant first = Instant.MAX;
            Instant last = Instant.MIN;
            for (CustomerEvent e : all) {
                customers.add(e.getCustomerId());
                eventTimes.add(e.getEventTime().toEpochMilli());
                first = e.getEventTime().isBefore(first) ? e.getEventTime() : first;
                last = e.getEventTime().isAfter(last) ? e.getEventTime() : last;
            }
            // every send acknowledged (a plain send to a fresh topic can lose its first batch: KAFKA-15591)
            long sent = pipeline.sendEvents(all);

            // when: the trainer runs as a backfill
            long started = System.nanoTime();
            Process trainer = TrainerProcess.start(pipeline, work.resolve("backfill.log"),
                    "--backfill", "--k", "3", "--window", "P7D");
            boolean ended = trainer.waitFor(3, TimeUnit.MINUTES);
            long seconds = (System.nanoTime() - started) / 1_000_000_000;
            if (!ended) {
                trainer.destroyForcibly();
            }

            // then: it ended by itself, with versions 1..n whose windows chain from the first event past the last
            List<SegmentModel> models = models(pipeline, "segment-model-history");
            List<ConsumerRecord<byte[], byte[]>> latest = CommittedRecords.read(pipeline.bootstrap,
                    pipeline.topic("segment-models"));
            SegmentModel newest = models.isEmpty() ? null : models.getLast();
            long members = newest == null ? 0 : newest.getSegments().stream().mapToLong(Segment::getSize).sum();
            System.out.printf("[trainer backfill] %,d events of %d customers (%s .. %s); ended by itself: %s (exit %s) "
                            + "after %d s; versions %s; newest k=%d, %d members, window %s .. %s, sample %d%n", sent,
                    customers.size(), first, last, ended, ended ? trainer.exitValue() : "-", seconds,
                    models.stream().map(SegmentModel::getVersion).toList(),
                    newest == null ? 0 : newest.getSegments().size(), members,
                    newest == null ? "-" : newest.getTrainingWindow().getStart(),
                    newest == null ? "-" : newest.getTrainingWindow().getEnd(),
                    newest == null ? 0 : newest.getTrainingWindow().getSampleSize());
            assertThat(ended).as("the backfill ended by itself (log: %s)", work).isTrue();
            assertThat(trainer.exitValue()).as("exit code (log: %s)", work).isZero();
            assertThat(models).extracting(SegmentModel::getVersion)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, models.size()).boxed().toList())
                    .isNotEmpty();
            assertThat(newest.getSegments()).hasSize(3);
            assertThat(newest.getQuality().getK()).isEqualTo(3);
            assertThat(members).isEqualTo(customers.size());
            assertThat(newest.getTrainingWindow().getSampleSize()).isEqualTo(customers.size());
            assertThat(models.getFirst().getTrainingWindow().getStart()).isBeforeOrEqualTo(first);
            for (int i = 1; i < models.size(); i++) {
                assertThat(models.get(i).getTrainingWindow().getStart()).as("v%d starts where its parent ended", i + 1)
                        .isEqualTo(models.get(i - 1).getTrainingWindow().getEnd());
            }
            assertThat(newest.getTrainingWindow().getEnd()).isAfter(last);
            // event time, not read order: each version counts exactly the events of its window, none came late
            long late = lateEvents(work.resolve("backfill.log"));
            System.out.printf("[trainer backfill] events folded after their window had closed: %d%n", late);
            assertThat(late).as("late events (log: %s)", work).isZero();
            for (SegmentModel m : models) {
                long from = m.getVersion() == 1 ? Long.MIN_VALUE : m.getTrainingWindow().getStart().toEpochMilli();
                long to = m.getTrainingWindow().getEnd().toEpochMilli();
                assertThat(m.getTrainingWindow().getEventCount()).as("events in v%d's window", m.getVersion())
                        .isEqualTo(eventTimes.stream().filter(t -> t >= from && t < to).count());
            }
            assertThat(latest).isNotEmpty();
            assertThat(decode(pipeline, "segment-models", latest.getLast().value())).isEqualTo(newest);
        }
    }

    /** The sum of the "(n late)" counts of the workers' window lines. */
    private static long lateEvents(Path log) throws java.io.IOException {
        java.util.regex.Pattern late = java.util.regex.Pattern.compile("events \\((\\d+) late\\)");
        long sum = 0;
        int windows = 0;
        for (String line : Files.readAllLines(log)) {
            var m = late.matcher(line);
            if (m.find()) {
                sum += Long.parseLong(m.group(1));
                windows++;
            }
        }
        assertThat(windows).as("window lines with a late count in %s", log).isPositive();
        return sum;
    }

    /** Everything read_committed consumers see on the topic once the run has ended. */
    private static List<SegmentModel> models(PipelineUnderTest pipeline, String name) {
        List<SegmentModel> models = new ArrayList<>();
        CommittedRecords.read(pipeline.bootstrap, pipeline.topic(name)).forEach(r -> models.add(decode(pipeline, name, r.value())));
        return models;
    }

    private static SegmentModel decode(PipelineUnderTest pipeline, String name, byte[] value) {
        return new AvroDeserializer<>(pipeline.registry, SegmentModel.class).deserialize(pipeline.topic(name), value);
    }
}
