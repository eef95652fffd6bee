package io.segmenta.trainer.job;

import io.segmenta.assigner.features.FeatureSpecs;
import io.segmenta.assigner.profile.CustomerProfile;
import io.segmenta.assigner.profile.ProfileFolder;
import io.segmenta.assigner.scoring.Assignment;
import io.segmenta.assigner.scoring.SegmentScorer;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.DriftReport;
import io.segmenta.avro.SegmentModel;
import io.segmenta.fitting.quality.ClusteringMetrics;
import io.segmenta.schemas.deadletter.DeadLetter;
import io.segmenta.schemas.registry.InMemorySchemaRegistry;
import io.segmenta.schemas.registry.RestSchemaRegistryClient;
import io.segmenta.schemas.registry.SchemaRegistryConfig;
import io.segmenta.schemas.registry.SchemaRegistryHttpServer;
import io.segmenta.schemas.serde.AvroDeserializer;
import io.segmenta.schemas.serde.AvroSerializer;
import io.segmenta.trainer.config.TrainerSettings;
import io.segmenta.trainer.events.RawRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The trainer's dataflow on a Flink MiniCluster with in-memory inputs (the Kafka path is in the integration tests). */
class TrainerJobTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static SchemaRegistryHttpServer registry;
    private static Map<String, String> registryConfig;
    private static final SyntheticCustomers DATA = new SyntheticCustomers(60, 42, 7);

    /** Every refit replaces the parent (no minimum inertia gain), so the merged partial sums are what is published. */
    private final TrainerSettings settings = TrainerSettings.builder().k(3, 3).window(Duration.ofDays(7))
            .samplePerSubtask(500).minInertiaGain(0).build();

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = SchemaRegistryHttpServer.start(new InMemorySchemaRegistry(), "127.0.0.1", 0);
        registryConfig = Map.of(SchemaRegistryConfig.URL, registry.url().toString());
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void coldStartPublishesConsecutiveVersionsThatFindTheTruthAndDeadLettersBadRecords() throws Exception {
        // given: a few weeks of events of three known kinds of customers, and three undecodable records
        List<RawRecord> input = encode(DATA.events);
        input.add(3, raw("customer-events", 999, "c-bad".getBytes(), new byte[]{7, 7, 7}));
        input.add(50, raw("customer-events", 1000, "c-bad".getBytes(), new byte[]{0, 0, 0, 0x7f, 1, 2}));
        input.add(90, raw("customer-events", 1001, null, new byte[0]));

        // when: the job runs over them with no model published before
        Outputs out = run(input, List.of(), ModelBootstrap.none());

        // then: every window after the first published the next version, on both model topics
        List<Long> versions = out.models.stream().map(SegmentModel::getVersion).toList();
        System.out.printf("[trainer cold start] %d events -> versions %s, %d dead letters%n",
                DATA.events.size(), versions, out.deadLetters.size());
        assertThat(versions).hasSize(windowsSpannedBy(DATA.events));
        for (int i = 0; i < versions.size(); i++) {
            assertThat(versions.get(i)).isEqualTo(i + 1L);
        }
        assertThat(out.history).extracting(SegmentModel::getVersion).containsExactlyElementsOf(versions);
        SegmentModel first = out.models.get(0);
        assertThat(first.getParentVersion()).isNull();
        // its training window starts at the first event (windows closed before it without a model included) and
        // ends after it: the first watermark falls after a window boundary, and no window ends before its events
        assertThat(first.getTrainingWindow().getStart()).isEqualTo(DATA.events.get(0).getEventTime());
        assertThat(first.getTrainingWindow().getEnd()).isAfter(DATA.events.get(0).getEventTime());
        assertThat(first.getSegments()).hasSize(3);
        assertThat(out.models.get(1).getParentVersion()).isEqualTo(1L);
        // lineage: every segment of a refit is accounted for: its id continues a parent's, or a birth/split/merge made it
        // (the stable-id quality bar on stationary data is RefitStabilityTest's)
        for (int i = 1; i < out.models.size(); i++) {
            SegmentModel parent = out.models.get(i - 1);
            SegmentModel child = out.models.get(i);
            java.util.Set<Integer> parentIds = new java.util.HashSet<>();
            parent.getSegments().forEach(s -> parentIds.add(s.getSegmentId()));
            for (var segment : child.getSegments()) {
                int id = segment.getSegmentId();
                var kinds = child.getLineage().stream().filter(e -> e.getToSegments().contains(id))
                        .map(e -> e.getKind().name()).toList();
                if (parentIds.contains(id)) {
                    assertThat(kinds).as("v%d segment %d", child.getVersion(), id)
                            .containsAnyOf("SURVIVED", "SPLIT", "MERGE");
                } else {
                    assertThat(kinds).as("v%d segment %d", child.getVersion(), id).containsAnyOf("BIRTH", "SPLIT", "MERGE");
                }
            }
        }
        SegmentModel last = out.models.get(out.models.size() - 1);

        // and: the final model separates the known kinds of customers
        double ari = ariOf(last);
        System.out.printf("[trainer cold start] final model v%d: ARI %.3f to the truth, labels %s%n", last.getVersion(),
                ari, last.getSegments().stream().map(s -> s.getLabel()).toList());
        assertThat(ari).isGreaterThanOrEqualTo(0.8);

        // and: the bad records are dead letters with their reason, nothing else was lost
        assertThat(out.deadLetters).hasSize(3);
        assertThat(out.deadLetters).extracting(DeadLetter::reason)
                .containsExactlyInAnyOrder("NO_MAGIC_BYTE", "UNKNOWN_SCHEMA_ID", "EMPTY");
        assertThat(out.deadLetters).allSatisfy(d -> assertThat(d.stage()).isEqualTo("trainer"));
    }

    @Test
    void workersThatKnowThePublishedModelShipPartialSumsAndDrift() throws Exception {
        // given: a model published before this run (e.g. by a previous run)
        Outputs earlier = run(encode(DATA.events), List.of(), ModelBootstrap.none());
        SegmentModel published = earlier.models.get(earlier.models.size() - 1);

        // when: a new run starts from it
        Outputs out = run(encode(DATA.events), List.of(), settings -> Optional.of(published));

        // then: its first window merged the workers' partial sums against that model and versions continue
        SegmentModel next = out.models.get(0);
        System.out.printf("[trainer warm start] from v%d: next v%d (%s); %d drift reports%n", published.getVersion(),
                next.getVersion(), next.getTags().get("decision"), out.drift.size());
        assertThat(next.getVersion()).isEqualTo(published.getVersion() + 1);
        assertThat(next.getParentVersion()).isEqualTo(published.getVersion());
        assertThat(next.getTags().get("decision")).startsWith("merged partial sums of");
        assertThat(out.drift).isNotEmpty();
        DriftReport drift = out.drift.get(0);
        assertThat(drift.getModelVersion()).isEqualTo(published.getVersion());
        assertThat(drift.getAssignments()).isPositive();
        assertThat(drift.getPsi()).isGreaterThanOrEqualTo(0.0);
    }

    /** Window boundaries the watermark passes after the first event, plus the partial window at end of input. */
    private int windowsSpannedBy(List<CustomerEvent> events) {
        long size = settings.window().toMillis();
        long first = events.get(0).getEventTime().toEpochMilli();
        long lastWatermark = events.stream().mapToLong(e -> e.getEventTime().toEpochMilli()).max().orElseThrow()
                - settings.outOfOrderness().toMillis() - 1;
        long firstBoundaryAfter = Math.floorDiv(first, size) + 1;
        long lastBoundaryPassed = Math.floorDiv(lastWatermark + 1, size);
        return (int) Math.max(0, lastBoundaryPassed - firstBoundaryAfter + 1) + 1;
    }

    private double ariOf(SegmentModel model) {
        ProfileFolder folder = new ProfileFolder(settings.halfLifeDays(), settings.eventRules());
        Map<String, CustomerProfile> profiles = new HashMap<>();
        for (CustomerEvent e : DATA.events) {
            folder.fold(profiles.computeIfAbsent(e.getCustomerId(), id -> folder.newProfile()), e);
        }
        SegmentScorer scorer = SegmentScorer.compile(model);
        Assignment a = scorer.newAssignment();
        long asOf = model.getTrainingWindow().getEnd().toEpochMilli();
        List<String> ids = new ArrayList<>(profiles.keySet());
        int[] truth = new int[ids.size()];
        int[] predicted = new int[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            CustomerProfile p = profiles.get(ids.get(i));
            scorer.assign(p.asOf(FeatureSpecs.readAtMillis(model.getFeatureSpec(), p.lastEventMillis(), asOf)), a);
            truth[i] = DATA.truth.get(ids.get(i));
            predicted[i] = a.segmentId();
        }
        return ClusteringMetrics.adjustedRandIndex(truth, predicted);
    }

    private Outputs run(List<RawRecord> events, List<RawRecord> models, ModelBootstrap bootstrap) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        // no periodic watermarks: windows must close at the boundaries the events cross, however fast they are read
        env.getConfig().setAutoWatermarkInterval(Duration.ofHours(1).toMillis());
        TypeInformation<RawRecord> type = TypeInformation.of(RawRecord.class);
        DataStream<RawRecord> eventStream = env.fromData(events, type);
        DataStream<RawRecord> modelStream = env.fromData(models.isEmpty() ? List.of(placeholder()) : models, type);
        TrainerJob job = new TrainerJob(settings, registryConfig, bootstrap, Clock.systemUTC());
        Outputs out = new Outputs();
        var client = new RestSchemaRegistryClient(SchemaRegistryConfig.of(registry.url().toString()));
        var modelReader = new AvroDeserializer<>(client, SegmentModel.class);
        var driftReader = new AvroDeserializer<>(client, DriftReport.class);
        try (var results = job.build(job.checked(eventStream, true), modelStream).executeAndCollect()) {
            results.forEachRemaining(r -> {
                TrainerSettings.Topics t = settings.topics();
                if (r.topic.equals(t.models())) {
                    out.models.add(modelReader.deserialize(r.topic, r.value));
                } else if (r.topic.equals(t.modelHistory())) {
                    out.history.add(modelReader.deserialize(r.topic, r.value));
                } else if (r.topic.equals(t.drift())) {
                    out.drift.add(driftReader.deserialize(r.topic, r.value));
                } else if (r.topic.equals(t.deadLetters())) {
                    RecordHeaders headers = new RecordHeaders();
                    for (int i = 0; i < r.headerNames.length; i++) {
                        headers.add(r.headerNames[i], r.headerValues[i]);
                    }
                    out.deadLetters.add(DeadLetter.fromRecord(r.key, r.value, headers));
                }
            });
        }
        out.models.sort(java.util.Comparator.comparingLong(SegmentModel::getVersion));
        out.history.sort(java.util.Comparator.comparingLong(SegmentModel::getVersion));
        return out;
    }

    /** A record on the models topic for another lineage: ignored, but keeps the input non-empty. */
    private static RawRecord placeholder() {
        return raw("segment-models", 0, "other-model".getBytes(StandardCharsets.UTF_8), new byte[]{1});
    }

    private static List<RawRecord> encode(List<CustomerEvent> events) {
        AvroSerializer<CustomerEvent> serializer = new AvroSerializer<>(
                new RestSchemaRegistryClient(SchemaRegistryConfig.of(registry.url().toString())), false);
        List<RawRecord> records = new ArrayList<>();
        long offset = 0;
        for (CustomerEvent e : events) {
            records.add(raw("customer-events", offset++, e.getCustomerId().getBytes(StandardCharsets.UTF_8),
                    serializer.serialize("customer-events", e)));
        }
        return records;
    }

    private static RawRecord raw(String topic, long offset, byte[] key, byte[] value) {
        return new RawRecord(topic, 0, offset, 0L, key, value);
    }

    static final class Outputs {
        final List<SegmentModel> models = new ArrayList<>();
        final List<SegmentModel> history = new ArrayList<>();
        final List<DriftReport> drift = new ArrayList<>();
        final List<DeadLetter> deadLetters = new ArrayList<>();
    }
}
