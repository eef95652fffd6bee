package io.segmenta.trainer.job;

import io.segmenta.assigner.profile.CustomerProfile;
import io.segmenta.assigner.profile.ProfileCodec;
import io.segmenta.assigner.profile.ProfileFolder;
import io.segmenta.assigner.scoring.Assignment;
import io.segmenta.assigner.scoring.SegmentScorer;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.FeatureTime;
import io.segmenta.avro.SegmentModel;
import io.segmenta.schemas.registry.SchemaRegistryConfig;
import io.segmenta.trainer.config.TrainerSettings;
import io.segmenta.trainer.events.DecodedEvent;
import io.segmenta.trainer.events.EventPayloads;
import io.segmenta.trainer.events.RawRecord;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ProfileOperator} alone in Flink's keyed operator harness (heap state backend, one worker). */
class ProfileOperatorTest {

    /** A week of events from Monday 2026-01-05: inside one 14-day window, across a boundary of 7-day windows. */
    static final SyntheticCustomers DATA = new SyntheticCustomers(20, 7, 11);
    static final Map<String, String> REGISTRY = Map.of(SchemaRegistryConfig.URL, "http://127.0.0.1:9"); // never called

    /** One window holds all of {@link #DATA}, so the first close sees every customer. */
    final TrainerSettings settings = TrainerSettings.builder().k(3, 3).window(Duration.ofDays(14))
            .samplePerSubtask(500).build();
    /** Windows that cut {@link #DATA} in two. */
    final TrainerSettings weekly = settings.toBuilder().window(Duration.ofDays(7)).build();
    final ProfileFolder folder = new ProfileFolder(settings.halfLifeDays(), settings.eventRules());
    final EventPayloads payloads = new EventPayloads();

    @Test
    void aReplayedEventIdChangesNoProfileAndIsCounted() throws Exception {
        // given: every customer's events, and every third one sent again ten events later (a producer retry/replay)
        List<CustomerEvent> input = new ArrayList<>();
        List<CustomerEvent> pending = new ArrayList<>();
        for (int i = 0; i < DATA.events.size(); i++) {
            input.add(DATA.events.get(i));
            if (i % 3 == 0) {
                pending.add(DATA.events.get(i));
            }
            if (i % 3 == 0 && i >= 30) {
                input.add(pending.removeFirst());
            }
        }
        int replays = input.size() - DATA.events.size();

        try (var harness = opened(ModelBootstrap.none())) {
            // when: all of it goes through the operator, and the end of input closes the window
            for (CustomerEvent e : input) {
                harness.processElement1(record(e));
            }
            harness.processWatermark1(new Watermark(Long.MAX_VALUE));

            // then: each customer's stored profile is the fold of its distinct events only
            Map<String, CustomerProfile> expected = foldAll(DATA.events);
            Map<String, CustomerProfile> doubled = foldAll(input);
            Map<String, byte[]> stored = storedStates(harness);
            int differWhenDoubled = 0;
            for (var e : expected.entrySet()) {
                byte[] profile = ProfileCodec.encode(TrainerCustomerState.decodeProfile(stored.get(e.getKey())));
                assertThat(profile).as(e.getKey()).isEqualTo(ProfileCodec.encode(e.getValue()));
                differWhenDoubled += java.util.Arrays.equals(profile, ProfileCodec.encode(doubled.get(e.getKey()))) ? 0 : 1;
            }
            ProfileOperator operator = (ProfileOperator) harness.getOperator();
            WindowStats stats = onlyStats(harness);
            System.out.printf("[trainer dedup] %d events + %d replays -> %d duplicates dropped, %d customers, %d events "
                            + "folded; %d profiles would differ without de-duplication%n", DATA.events.size(), replays,
                    operator.duplicates(), stored.size(), stats.events, differWhenDoubled);
            assertThat(replays).isGreaterThan(30);
            assertThat(operator.duplicates()).isEqualTo(replays);
            assertThat(stats.events).isEqualTo(DATA.events.size());
            assertThat(stats.customers).isEqualTo(expected.size());
            assertThat(stored).hasSameSizeAs(expected);
            assertThat(differWhenDoubled).as("the replays would have changed profiles").isPositive();
        }
    }

    @Test
    void windowCloseScoresWithoutRewritingProfilesAndStoresTheSegmentOnlyWhenItChanges() throws Exception {
        // given: profiles read at the window end with tenure among the features (they age between closes, and on
        // this data some customers cross a boundary as they do), a model fitted on a first worker's window, and a
        // worker that starts with it
        TrainerSettings settings = this.settings.toBuilder().readAt(FeatureTime.WINDOW_END)
                .features(TrainerSettings.standardFeatures(List.of("frequency", "monetary", "avg_order_value",
                        "refund_rate", "page_views", "conversion_rate", "tenure_days"))).build();
        SegmentModel model = firstModel(settings);
        SegmentScorer scorer = SegmentScorer.compile(model);
        long size = settings.window().toMillis();
        long firstEnd = Math.floorDiv(DATA.end().toEpochMilli(), size) * size + size;
        long secondEnd = firstEnd + size;

        try (var harness = opened(settings, s -> Optional.of(model))) {
            for (CustomerEvent e : DATA.events) {
                harness.processElement1(record(e));
            }

            // when: two windows close, with no event in between
            harness.processWatermark1(new Watermark(firstEnd));
            Map<String, byte[]> before = storedStates(harness);
            Map<String, Integer> afterFirst = lastSegments(harness);
            harness.processWatermark1(new Watermark(secondEnd));
            Map<String, Integer> afterSecond = lastSegments(harness);

            // then: the first close records every customer's first segment, the second only the customers that moved
            List<WindowStats> stats = allStats(harness);
            Map<String, Integer> atFirst = segments(scorer, before, firstEnd);
            Map<String, Integer> atSecond = segments(scorer, before, secondEnd);
            long moved = atFirst.keySet().stream().filter(id -> !atFirst.get(id).equals(atSecond.get(id))).count();
            System.out.printf("[trainer window pass] %d customers: %d changes at the first close, %d at the second "
                    + "(%d moved as their features aged)%n", before.size(), stats.get(0).changes, stats.get(1).changes, moved);
            assertThat(stats).hasSize(2);
            assertThat(stats.get(0).modelVersion).isEqualTo(model.getVersion());
            assertThat(stats.get(0).changes).isEqualTo(before.size());
            assertThat(afterFirst).isEqualTo(atFirst);
            assertThat(moved).as("customers whose features aged across a boundary").isPositive();
            assertThat(stats.get(1).changes).isEqualTo(moved);
            assertThat(afterSecond).isEqualTo(atSecond);
            // and: the passes left the profile state as the events wrote it
            Map<String, CustomerProfile> folded = foldAll(settings, DATA.events);
            assertThat(before.keySet()).isEqualTo(folded.keySet());
            before.forEach((id, bytes) -> assertThat(ProfileCodec.encode(TrainerCustomerState.decodeProfile(bytes)))
                    .as(id).isEqualTo(ProfileCodec.encode(folded.get(id))));
            Map<String, byte[]> after = storedStates(harness);
            assertThat(after.keySet()).isEqualTo(before.keySet());
            before.forEach((id, bytes) -> assertThat(after.get(id)).as(id).isEqualTo(bytes));
        }
    }

    @Test
    void readAtTheLastEventACustomerWithoutEventsStaysWhereSheIsAtTheNextClose() throws Exception {
        // given: the default read time, the customer's last event, and a model fitted on a first window
        SegmentModel model = firstModel(settings);
        long size = settings.window().toMillis();
        long firstEnd = Math.floorDiv(DATA.end().toEpochMilli(), size) * size + size;

        try (var harness = opened(settings, s -> Optional.of(model))) {
            for (CustomerEvent e : DATA.events) {
                harness.processElement1(record(e));
            }
            // when: two windows close, with no event in between
            harness.processWatermark1(new Watermark(firstEnd));
            harness.processWatermark1(new Watermark(firstEnd + size));

            // then: nobody's features moved, so nobody changed segment at the second close
            List<WindowStats> stats = allStats(harness);
            assertThat(model.getFeatureSpec().getReadAt()).isEqualTo(FeatureTime.LAST_EVENT);
            assertThat(stats.get(0).changes).isEqualTo(stats.get(0).customers);
            assertThat(stats.get(1).changes).isZero();
        }
    }

    @Test
    void aWindowHoldsTheEventsBeforeItsEndWhateverTheReadOrder() throws Exception {
        // given: every event, read in an order where later weeks come first (one partition read ahead of another),
        // and then one event of the first week again after that week has closed
        long size = weekly.window().toMillis();
        List<CustomerEvent> reversed = new ArrayList<>(DATA.events);
        java.util.Collections.reverse(reversed);
        long firstEventTime = DATA.events.stream().mapToLong(e -> e.getEventTime().toEpochMilli()).min().orElseThrow();
        long firstEnd = ProfileOperator.windowEndOf(firstEventTime, size);
        java.util.function.LongPredicate inFirst = t -> t < firstEnd;
        long expectedFirst = DATA.events.stream().filter(e -> inFirst.test(e.getEventTime().toEpochMilli())).count();
        CustomerEvent straggler = DATA.events.getFirst();
        CustomerEvent lateEvent = CustomerEvent.newBuilder(straggler).setEventId(straggler.getEventId() + "-late").build();

        try (var harness = opened(weekly, ModelBootstrap.none())) {
            // when: all are read before any watermark, the first week closes, the late copy arrives, the input ends
            for (CustomerEvent e : reversed) {
                harness.processElement1(record(e));
            }
            harness.processWatermark1(new Watermark(firstEnd - 1));
            harness.processElement1(record(lateEvent));
            harness.processWatermark1(new Watermark(Long.MAX_VALUE));

            // then: the first window counted exactly its own week's events; the rest came at the end of input
            List<WindowStats> stats = allStats(harness);
            ProfileOperator operator = (ProfileOperator) harness.getOperator();
            System.out.printf("[trainer event time] %d events, read newest first: first window %d events (expected "
                            + "%d), then %d; %d late%n", DATA.events.size(), stats.get(0).events, expectedFirst,
                    stats.get(1).events, operator.lateEvents());
            assertThat(expectedFirst).isPositive().isLessThan(DATA.events.size());
            assertThat(stats).hasSize(2);
            assertThat(stats.get(0).windowEnd).isEqualTo(firstEnd);
            assertThat(stats.get(0).events).isEqualTo(expectedFirst);
            assertThat(stats.get(0).lastEventTime).isLessThan(firstEnd);
            assertThat(stats.get(1).events).isEqualTo(DATA.events.size() - expectedFirst + 1);
            assertThat(operator.lateEvents()).isEqualTo(1);
        }
    }

    @Test
    void aWatermarkPastSeveralWindowEndsClosesEachWindowAsAWatermarkPerBoundaryWould() throws Exception {
        // given: three weeks of events, in time order, and the ends of the weekly windows they fall in
        SyntheticCustomers data = new SyntheticCustomers(10, 21, 5);
        long size = weekly.window().toMillis();
        long firstEnd = ProfileOperator.windowEndOf(data.events.getFirst().getEventTime().toEpochMilli(), size);
        long lastEnd = ProfileOperator.windowEndOf(data.end().toEpochMilli(), size);

        // when: one worker gets a watermark at every window end as the events cross it, another reads everything
        // before its first watermark, which passes all of those ends at once; both then reach the end of input
        List<WindowStats> stepped;
        try (var harness = opened(weekly, ModelBootstrap.none())) {
            long nextEnd = firstEnd;
            for (CustomerEvent e : data.events) {
                while (e.getEventTime().toEpochMilli() >= nextEnd) {
                    harness.processWatermark1(new Watermark(nextEnd - 1));
                    nextEnd += size;
                }
                harness.processElement1(record(e));
            }
            harness.processWatermark1(new Watermark(Long.MAX_VALUE));
            stepped = allStats(harness);
        }
        List<WindowStats> jumped;
        try (var harness = opened(weekly, ModelBootstrap.none())) {
            for (CustomerEvent e : data.events) {
                harness.processElement1(record(e));
            }
            harness.processWatermark1(new Watermark(lastEnd - size - 1));
            harness.processWatermark1(new Watermark(Long.MAX_VALUE));
            jumped = allStats(harness);
        }

        // then: the same windows, each with the same events and customers, and every event counted once
        System.out.printf("[trainer window ends] %d events over %d weekly windows: stepped %s, jumped %s%n",
                data.events.size(), (lastEnd - firstEnd) / size + 1, describe(stepped), describe(jumped));
        assertThat(stepped).hasSize((int) ((lastEnd - firstEnd) / size) + 1);
        assertThat(describe(jumped)).isEqualTo(describe(stepped));
        assertThat(jumped.stream().mapToLong(s -> s.events).sum()).isEqualTo(data.events.size());
        assertThat(jumped.getFirst().windowEnd).isEqualTo(firstEnd);
    }

    /** Window end, events and customers of each window close. */
    private static List<String> describe(List<WindowStats> stats) {
        return stats.stream().map(s -> (s.windowEnd == Long.MAX_VALUE ? "end" : java.time.Instant.ofEpochMilli(s.windowEnd))
                + ":" + s.events + "/" + s.customers).toList();
    }

    @Test
    void stateOfTheEarlierLayoutIsRefusedOnRestore() throws Exception {
        // given: a snapshot holding keyed state under the earlier name "customer" (segment + profile in one entry)
        OperatorSubtaskState legacy;
        try (var writer = new KeyedOneInputStreamOperatorTestHarness<String, String, Object>(new LegacyStateWriter(),
                id -> id, Types.STRING)) {
            writer.open();
            writer.processElement(new StreamRecord<>("g0-c0", 0L));
            legacy = writer.snapshot(1, 1);
        }

        // when / then: the operator refuses it instead of starting from empty profiles
        try (var harness = harness(ModelBootstrap.none())) {
            harness.initializeState(legacy);
            assertThatThrownBy(harness::open).hasStackTraceContaining("earlier layout")
                    .hasStackTraceContaining("'" + ProfileOperator.LEGACY_CUSTOMER_STATE + "'");
        }
    }

    /** Writes keyed state the way the earlier layout did: one byte[] per customer under "customer". */
    static final class LegacyStateWriter extends AbstractStreamOperator<Object> implements OneInputStreamOperator<String, Object> {
        @Override
        public void processElement(StreamRecord<String> element) throws Exception {
            ValueState<byte[]> state = getPartitionedState(new ValueStateDescriptor<>(ProfileOperator.LEGACY_CUSTOMER_STATE,
                    PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
            state.update(new byte[]{(byte) 0x80, 0, 0, 0, ProfileCodec.FORMAT_VERSION});
        }
    }

    private KeyedTwoInputStreamOperatorTestHarness<String, DecodedEvent, RawRecord, WindowStats> harness(
            ModelBootstrap bootstrap) throws Exception {
        return harness(settings, bootstrap);
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, DecodedEvent, RawRecord, WindowStats> harness(
            TrainerSettings settings, ModelBootstrap bootstrap) throws Exception {
        var harness = new KeyedTwoInputStreamOperatorTestHarness<>(new ProfileOperator(settings, REGISTRY, bootstrap),
                (DecodedEvent e) -> e.customerId, (RawRecord r) -> "", Types.STRING);
        harness.setup();
        return harness;
    }

    private KeyedTwoInputStreamOperatorTestHarness<String, DecodedEvent, RawRecord, WindowStats> opened(
            ModelBootstrap bootstrap) throws Exception {
        return opened(settings, bootstrap);
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, DecodedEvent, RawRecord, WindowStats> opened(
            TrainerSettings settings, ModelBootstrap bootstrap) throws Exception {
        var harness = harness(settings, bootstrap);
        harness.open();
        return harness;
    }

    private StreamRecord<DecodedEvent> record(CustomerEvent e) {
        long t = e.getEventTime().toEpochMilli();
        return new StreamRecord<>(new DecodedEvent(e.getCustomerId(), t, payloads.encode(e)), t);
    }

    private SegmentModel firstModel(TrainerSettings settings) throws Exception {
        try (var harness = opened(settings, ModelBootstrap.none())) {
            for (CustomerEvent e : DATA.events) {
                harness.processElement1(record(e));
            }
            harness.processWatermark1(new Watermark(Long.MAX_VALUE));
            SegmentModel model = new WindowRefit(settings, Clock.systemUTC()).apply(List.of(onlyStats(harness)), null).model();
            assertThat(model).isNotNull();
            return model;
        }
    }

    private Map<String, CustomerProfile> foldAll(List<CustomerEvent> events) {
        return foldAll(settings, events);
    }

    private static Map<String, CustomerProfile> foldAll(TrainerSettings settings, List<CustomerEvent> events) {
        ProfileFolder folder = new ProfileFolder(settings.halfLifeDays(), settings.eventRules());
        Map<String, CustomerProfile> profiles = new HashMap<>();
        for (CustomerEvent e : events) {
            folder.fold(profiles.computeIfAbsent(e.getCustomerId(), id -> folder.newProfile()), e);
        }
        return profiles;
    }

    private static Map<String, Integer> segments(SegmentScorer scorer, Map<String, byte[]> states, long asOf) {
        Assignment a = scorer.newAssignment();
        Map<String, Integer> segments = new LinkedHashMap<>();
        states.forEach((id, bytes) -> {
            scorer.assign(TrainerCustomerState.decodeProfile(bytes).asOf(asOf), a);
            segments.put(id, a.segmentId());
        });
        return segments;
    }

    private static Map<String, byte[]> storedStates(KeyedTwoInputStreamOperatorTestHarness<String, ?, ?, ?> harness)
            throws Exception {
        return read(harness, new ValueStateDescriptor<>(ProfileOperator.CUSTOMER_STATE,
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    }

    private static Map<String, Integer> lastSegments(KeyedTwoInputStreamOperatorTestHarness<String, ?, ?, ?> harness)
            throws Exception {
        return read(harness, new ValueStateDescriptor<>(ProfileOperator.LAST_SEGMENT_STATE, Types.INT));
    }

    /** Every customer's value of one keyed state, in key order of the profile state. */
    private static <T> Map<String, T> read(KeyedTwoInputStreamOperatorTestHarness<String, ?, ?, ?> harness,
                                           ValueStateDescriptor<T> descriptor) throws Exception {
        KeyedStateBackend<String> backend = harness.getOperator().getKeyedStateBackend();
        List<String> keys;
        try (var stream = backend.getKeys(ProfileOperator.CUSTOMER_STATE, VoidNamespace.INSTANCE)) {
            keys = stream.sorted().toList();
        }
        Map<String, T> values = new LinkedHashMap<>();
        for (String key : keys) {
            backend.setCurrentKey(key);
            ValueState<T> state = backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                    descriptor);
            if (state.value() != null) {
                values.put(key, state.value());
            }
        }
        return values;
    }

    private static WindowStats onlyStats(KeyedTwoInputStreamOperatorTestHarness<String, ?, ?, WindowStats> harness) {
        List<WindowStats> stats = allStats(harness);
        assertThat(stats).hasSize(1);
        return stats.getFirst();
    }

    private static List<WindowStats> allStats(KeyedTwoInputStreamOperatorTestHarness<String, ?, ?, WindowStats> harness) {
        return harness.extractOutputValues();
    }
}
