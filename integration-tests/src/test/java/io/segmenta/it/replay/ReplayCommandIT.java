package io.segmenta.it.replay;

import io.segmenta.app.demo.data.SyntheticOptions;
import io.segmenta.app.demo.data.SyntheticPopulation;
import io.segmenta.app.replay.ReplayRun;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.SegmentChange;
import io.segmenta.avro.SegmentModel;
import io.segmenta.it.support.OfflineModels;
import io.segmenta.it.support.PipelineUnderTest;
import io.segmenta.schemas.TopicNames;
import io.segmenta.schemas.files.ModelFile;
import io.segmenta.schemas.serde.AvroSerializer;
import io.segmenta.streams.AssignerKeys;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./segment replay} against a live assigner on a real broker and registry: the replay ends by itself, writes
 * only to its own topics, leaves no application state behind, agrees with a live run that had its model in time,
 * refuses a prefix in use unless told to overwrite, and replays a range of time and customers.
 */
class ReplayCommandIT {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void aReplayOfTheLiveHistoryAgreesWithItAndCleansUpAfterItself() throws Exception {
        try (PipelineUnderTest pipeline = new PipelineUnderTest("replay-" + System.currentTimeMillis())) {
            // given: a model of an earlier period in the history, a live assigner, and 30 days of 150 customers
            SyntheticPopulation population = SyntheticPopulation.generate(SyntheticOptions.defaults().withCustomers(150)
                    .withDays(30).withSeed(41).withEnd(Instant.parse("2026-06-01T00:00:00Z")));
            List<CustomerEvent> events = new ArrayList<>();
            population.events().forEachRemaining(events::add);
            SegmentModel model = OfflineModels.fit(events, 4);
            var writer = new AvroSerializer<SegmentModel>(pipeline.registry, false);
            try (var producer = pipeline.rawProducer()) {
                for (String topic : List.of("segment-model-history", "segment-models")) {
                    producer.send(new ProducerRecord<>(pipeline.topic(topic), bytes(model.getModelName()),
                            writer.serialize(pipeline.topic(topic), model))).get();
                }
            }
            pipeline.startAssigner();
            pipeline.sendEvents(events);
            pipeline.awaitAssignerCaughtUp(WAIT);
            Map<String, List<String>> live = byCustomer(pipeline.readAllValues("segment-changes", SegmentChange.class, WAIT));
            long liveChanges = live.values().stream().mapToLong(List::size).sum();

            // when: the whole history is replayed
            String prefix = pipeline.prefix + ".replay";
            Run first = replay(pipeline, prefix);

            // then: it agrees customer by customer, change by change, and nothing of its application is left
            Map<String, List<String>> replayed = byCustomer(pipeline.readAllValues("replay.segment-changes",
                    SegmentChange.class, WAIT));
            System.out.printf("[replay] %,d events, %d customers: exit %d; %s%n", events.size(), live.size(), first.exit,
                    first.out.lines().filter(l -> l.matches("\\| [0-9].*")).findFirst().orElse("-"));
            assertThat(first.exit).as(first.err).isZero();
            assertThat(first.out).contains("| 150 | 0 (0.00 %) | 0 | 0 | 1.000 |");
            assertThat(Files.readString(dir.resolve("first.md"))).contains("| 150 | 0 (0.00 %)");
            assertThat(first.err).contains("replay: 100.0 %");
            assertThat(replayed).isEqualTo(live);
            assertThat(pipeline.readAllValues("segment-changes", SegmentChange.class, WAIT)).hasSize((int) liveChanges);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrap))) {
                String app = ReplayRun.applicationId(prefix);
                Set<String> topics = admin.listTopics().names().get();
                assertThat(topics).noneMatch(t -> t.startsWith(app + "-"));
                assertThat(admin.listConsumerGroups().all().get()).noneMatch(g -> g.groupId().equals(app));
            }

            // when / then: the same prefix again is refused; with --overwrite, a month's second half of three customers
            Run again = replay(pipeline, prefix);
            assertThat(again.exit).isEqualTo(2);
            assertThat(again.err).contains("is in use").contains("--overwrite");
            Instant from = Instant.parse("2026-05-15T00:00:00Z");
            List<String> three = live.keySet().stream().limit(3).toList();
            Run part = replay(pipeline, prefix, "--overwrite", "--from", from.toString(), "--customers",
                    String.join(",", three));
            assertThat(part.exit).as(part.err).isZero();
            List<SegmentChange> partial = pipeline.readAllValues("replay.segment-changes", SegmentChange.class, WAIT);
            Set<String> partialCustomers = partial.stream().map(SegmentChange::getCustomerId).collect(Collectors.toSet());
            System.out.printf("[replay] from %s, customers %s: %s%n", from, three,
                    part.out.lines().filter(l -> l.matches("\\| [0-9].*")).findFirst().orElse("-"));
            assertThat(partialCustomers).isSubsetOf(three).isNotEmpty();
            assertThat(partial).allSatisfy(c -> assertThat(c.getEventTime()).isAfterOrEqualTo(from));
            assertThat(part.out).contains("| " + partialCustomers.size() + " | ");

            // when / then: pinned to a version the history does not hold, refused; to v1, every customer again
            Run missing = replay(pipeline, prefix, "--overwrite", "--model-version", "9");
            assertThat(missing.exit).isEqualTo(2);
            assertThat(missing.err).contains("v9 is neither in");
            Run pinned = replay(pipeline, prefix, "--overwrite", "--model-version", "1");
            assertThat(pinned.exit).as(pinned.err).isZero();
            assertThat(pinned.out).contains("(v1 for every event)").contains("| 150 | 0 (0.00 %) |");

            // when: an analyst's model in a file (its own lineage, three segments) is replayed
            SegmentModel analyst = SegmentModel.newBuilder(OfflineModels.fit(events, 3)).setModelName("analyst").build();
            Path file = dir.resolve("model.avro");
            ModelFile.write(analyst, file);
            Run trial = replay(pipeline, prefix, "--overwrite", "--model-file", file.toString());

            // then: compared with the live segments, and only the replay's own model topics hold it
            assertThat(trial.exit).as(trial.err).isZero();
            assertThat(trial.out).contains("(model.avro for every event)").contains("| 150 | ");
            assertThat(pipeline.readAllValues("replay.segment-models", SegmentModel.class, WAIT))
                    .extracting(SegmentModel::getModelName).containsExactly("analyst");
            assertThat(pipeline.readAllValues("segment-models", SegmentModel.class, WAIT))
                    .extracting(SegmentModel::getVersion).containsExactly(1L);

            // when: it is promoted
            Run promote = replay(pipeline, prefix, "--overwrite", "--model-file", file.toString(), "--promote");

            // then: the live lineage's v2, parent v1, valid just after the latest event, with lineage and ids
            // continuing the live ones where the members stayed together
            assertThat(promote.exit).as(promote.err).isZero();
            System.out.printf("[replay] promoted:%n%s%n", promote.out.substring(promote.out.indexOf("## Promoted")));
            Instant latest = events.stream().map(CustomerEvent::getEventTime).max(Instant::compareTo).orElseThrow();
            List<SegmentModel> liveModels = pipeline.readAllValues("segment-models", SegmentModel.class, WAIT);
            SegmentModel v2 = liveModels.getLast();
            assertThat(v2.getModelName()).isEqualTo(model.getModelName());
            assertThat(v2.getVersion()).isEqualTo(2);
            assertThat(v2.getParentVersion()).isEqualTo(1L);
            assertThat(v2.getValidFrom()).isEqualTo(latest.plusMillis(1));
            assertThat(v2.getSegments()).hasSize(3);
            assertThat(v2.getLineage()).isNotEmpty();
            assertThat(v2.getLineage().stream().flatMap(e -> e.getFromSegments().stream()).sorted().toList())
                    .isEqualTo(model.getSegments().stream().map(seg -> seg.getSegmentId()).sorted().toList());
            assertThat(pipeline.readAllValues("segment-model-history", SegmentModel.class, WAIT))
                    .extracting(SegmentModel::getVersion).containsExactly(1L, 2L);
            assertThat(promote.out).contains("## Promoted").contains("v2 (parent v1)");

            // when: the customers buy again after the promotion
            List<CustomerEvent> after = new ArrayList<>();
            for (String customer : live.keySet()) {
                after.add(CustomerEvent.newBuilder(events.stream().filter(e -> e.getCustomerId().equals(customer))
                                .findFirst().orElseThrow())
                        .setEventId(customer + "-after").setEventTime(latest.plus(Duration.ofHours(2))).build());
            }
            pipeline.sendEvents(after);
            var assignments = pipeline.latestAssignments(a -> a.size() >= live.size() && a.values().stream()
                    .allMatch(x -> x.getModelVersion() == 2), WAIT);

            // then: the live assigner scores everyone with v2 from then on, having taken it over in time
            assertThat(assignments.values()).allSatisfy(a -> assertThat(a.getModelVersion()).isEqualTo(2));
            assertThat(pipeline.assigner().runtime().metrics().takeovers(true)).as("late take-overs").isZero();

            // and: a replay of the whole history now reproduces the live changes, the promoted version included
            pipeline.awaitAssignerCaughtUp(WAIT);
            Map<String, List<String>> liveNow = byCustomer(pipeline.readAllValues("segment-changes",
                    SegmentChange.class, WAIT));
            Run again2 = replay(pipeline, prefix, "--overwrite");
            assertThat(again2.exit).as(again2.err).isZero();
            Map<String, List<String>> replayedNow = byCustomer(pipeline.readAllValues("replay.segment-changes",
                    SegmentChange.class, WAIT));
            assertThat(liveNow.values().stream().flatMap(List::stream)).anyMatch(c -> c.contains(":v2:"));
            assertThat(replayedNow).isEqualTo(liveNow);
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private Run replay(PipelineUnderTest pipeline, String prefix, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("--prefix", prefix,
                "--bootstrap-servers", pipeline.bootstrap, "--schema-registry", pipeline.registryUrl,
                "--live-assignments", pipeline.topic(TopicNames.SEGMENT_ASSIGNMENTS),
                "--report", dir.resolve(Files.exists(dir.resolve("first.md")) ? "later.md" : "first.md").toString(),
                "-D", AssignerKeys.TOPIC_EVENTS.key() + "=" + pipeline.topic(TopicNames.CUSTOMER_EVENTS),
                "-D", AssignerKeys.TOPIC_MODELS.key() + "=" + pipeline.topic(TopicNames.SEGMENT_MODELS),
                "-D", AssignerKeys.TOPIC_MODEL_HISTORY.key() + "=" + pipeline.topic(TopicNames.SEGMENT_MODEL_HISTORY)));
        args.addAll(List.of(more));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        java.io.ByteArrayOutputStream progress = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stderr = System.err;
        System.setErr(new java.io.PrintStream(new TeeStream(progress, stderr), true));
        int exit;
        try {
            exit = new CommandLine(new io.segmenta.app.replay.ReplayCommand()).setOut(new PrintWriter(out))
                    .setErr(new PrintWriter(err)).execute(args.toArray(String[]::new));
        } finally {
            System.setErr(stderr);
        }
        return new Run(exit, out.toString(), err + progress.toString(StandardCharsets.UTF_8));
    }

    /** Each customer's changes in order: segment, model version, cause and event time. */
    private static Map<String, List<String>> byCustomer(List<SegmentChange> changes) {
        return changes.stream().collect(Collectors.groupingBy(SegmentChange::getCustomerId, TreeMap::new,
                Collectors.mapping(c -> c.getSegmentId() + ":v" + c.getModelVersion() + ":" + c.getCause() + ":"
                        + c.getEventTime(), Collectors.toList())));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Writes to two streams: the test keeps the replay's progress and the console still shows it. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int x) throws java.io.IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
