package io.segmenta.streams.state;

import io.segmenta.assigner.dedup.EventIdHash;
import io.segmenta.assigner.dedup.RecentEvents;
import io.segmenta.assigner.events.EventRules;
import io.segmenta.assigner.profile.CustomerProfile;
import io.segmenta.assigner.scoring.Assignment;
import io.segmenta.assigner.profile.ProfileFolder;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.EventType;
import io.segmenta.streams.TestEvents;
import io.segmenta.streams.TestModels;
import org.junit.jupiter.api.Test;

import io.segmenta.assigner.codec.ByteWriter;
import io.segmenta.assigner.profile.ProfileCodec;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CustomerStateCodecTest {

    final CustomerStateCodec codec = new CustomerStateCodec(64);
    final ProfileFolder folder = new ProfileFolder(30.0, EventRules.DEFAULTS);

    CustomerState sampleState() {
        CustomerProfile profile = folder.newProfile();
        folder.fold(profile, TestEvents.purchase("e1", "alice", 20));
        folder.fold(profile, TestEvents.purchase("e2", "alice", 35.5, TestModels.T0.plus(Duration.ofHours(5))));
        RecentEvents recent = new RecentEvents(64);
        recent.add(EventIdHash.of("e1"), TestModels.T0.toEpochMilli());
        recent.add(EventIdHash.of("e2"), TestModels.T0.plus(Duration.ofHours(5)).toEpochMilli());
        return new CustomerState(profile, new CurrentAssignment(7, "Big spenders – ünïcode", "default", 12, 0.42, 0.8,
                1_700_000_000_000L), recent);
    }

    @Test
    void roundTripKeepsEveryField() {
        CustomerState state = sampleState();

        CustomerState back = codec.decode(codec.encode(state));

        assertThat(back.assignment()).isEqualTo(state.assignment());
        assertThat(back.recentEvents()).isEqualTo(state.recentEvents());
        assertThat(back.recentEvents().contains(EventIdHash.of("e2"))).isTrue();
        assertThat(back.profile().eventCount()).isEqualTo(2);
        assertThat(back.profile().asOf(0)).isEqualTo(state.profile().asOf(0));
        assertThat(codec.encode(back)).isEqualTo(codec.encode(state));
    }

    @Test
    void roundTripOfACustomerWithoutAssignment() {
        CustomerProfile profile = folder.newProfile();
        folder.fold(profile, TestEvents.purchase("e1", "bob", 5));
        CustomerState state = CustomerState.empty(profile, 64);

        CustomerState back = codec.decode(codec.encode(state));

        assertThat(back.assignment()).isNull();
        assertThat(back.recentEvents().size()).isZero();
        assertThat(back.profile().lastEventMillis()).isEqualTo(TestModels.T0.toEpochMilli());
    }

    /** Bytes of {@link #goldenState} written in format 1 (before format 2): still read. */
    static final String FORMAT_1_BYTES = "01000000660110403e00000000000000000000000000020000019bc11901000000019bc14fef803feff81e08b520a5"
            + "4033fb12c5713467000000000000000000000000000000003ff0000000000000000000000000000001059922aa000000036170700000019bc14fef"
            + "80010000000300000000000000073fe00000000000003fd00000000000000000018bcfe568000000000c426967207370656e646572730000000764"
            + "656661756c740002e0646ea9421d77e80000019bc11901003cd04d900a2e307b0000019bc14fef80";

    static CustomerState goldenState(ProfileFolder folder) {
        Instant t0 = Instant.parse("2026-01-15T10:00:00Z");
        CustomerProfile profile = folder.newProfile();
        folder.fold(profile, CustomerEvent.newBuilder().setEventId("e1").setCustomerId("alice").setEventTime(t0)
                .setType(EventType.PURCHASE).setAmount(20.0).setCurrency("EUR").setProductCategory("books")
                .setChannel("web").build());
        folder.fold(profile, CustomerEvent.newBuilder().setEventId("e2").setCustomerId("alice")
                .setEventTime(t0.plusSeconds(3600)).setType(EventType.PAGE_VIEW).setChannel("app").build());
        RecentEvents recent = new RecentEvents(64);
        recent.add(EventIdHash.of("e1"), t0.toEpochMilli());
        recent.add(EventIdHash.of("e2"), t0.plusSeconds(3600).toEpochMilli());
        return new CustomerState(profile, new CurrentAssignment(3, "Big spenders", "default", 7, 0.5, 0.25,
                1_700_000_000_000L), recent);
    }

    /** {@link #goldenState} with a switch to segment 5 pending after one win: what format 3 adds. */
    static CustomerState goldenStateWithPendingSwitch(ProfileFolder folder) {
        CustomerState state = goldenState(folder);
        CurrentAssignment a = state.assignment();
        return state.withAssignment(new CurrentAssignment(a.segmentId(), a.label(), a.modelName(), a.modelVersion(),
                a.distance(), a.confidence(), a.scoredAtMillis(), 5, 1));
    }

    /** {@link #goldenStateWithPendingSwitch} having entered segment 3 from 2: what format 4 adds. */
    static CustomerState goldenStateWithSegmentLeft(ProfileFolder folder) {
        CustomerState state = goldenStateWithPendingSwitch(folder);
        CurrentAssignment a = state.assignment();
        return state.withAssignment(new CurrentAssignment(a.segmentId(), a.label(), a.modelName(), a.modelVersion(),
                a.distance(), a.confidence(), a.scoredAtMillis(), a.pendingSegmentId(), a.pendingWins(), 2,
                1_699_000_000_000L));
    }

    /** Bytes of {@link #goldenStateWithSegmentLeft} in format 4: a change of the layout must be a new format version. */
    static final String FORMAT_4_BYTES = "040210403e0000000000000480beff94f86680bab7032c3feff81e08b520a54033fb12c57134673ff000000000000001059922aa066170"
            + "700001060e3fe00000000000003fd000000000000080a0abfef96218426967207370656e646572730e64656661756c74020a010480f8d4"
            + "c4f26204e0646ea9421d77e88084c891f8663cd04d900a2e307b80bab703";

    /** Bytes of {@link #goldenState} in format 2: a change of the layout must be a new format version. */
    static final String FORMAT_2_BYTES = "020210403e0000000000000480beff94f86680bab7032c3feff81e08b520a54033fb12c57134673ff000000000000001059922aa066170"
            + "700001060e3fe00000000000003fd000000000000080a0abfef96218426967207370656e646572730e64656661756c7404e0646ea9421d"
            + "77e88084c891f8663cd04d900a2e307b80bab703";

    /** Bytes of {@link #goldenStateWithPendingSwitch} in format 3: a change of the layout must be a new format version. */
    static final String FORMAT_3_BYTES = "030210403e0000000000000480beff94f86680bab7032c3feff81e08b520a54033fb12c57134673ff000000000000001059922aa06617"
            + "0700001060e3fe00000000000003fd000000000000080a0abfef96218426967207370656e646572730e64656661756c74020a04e0646ea942"
            + "1d77e88084c891f8663cd04d900a2e307b80bab703";

    @Test
    void stateWrittenInFormat1IsReadAndWrittenAgainInTheCurrentFormat() {
        byte[] stored = HexFormat.of().parseHex(FORMAT_1_BYTES);
        CustomerState expected = goldenState(folder);

        CustomerState back = codec.decode(stored);

        assertThat(back.recentEvents()).isEqualTo(expected.recentEvents());
        assertThat(back.recentEvents().contains(EventIdHash.of("e1"))).isTrue();
        assertThat(back.assignment()).isEqualTo(expected.assignment());
        assertThat(back.profile().asOf(0)).isEqualTo(expected.profile().asOf(0));
        assertThat(codec.encode(back)).isEqualTo(codec.encode(expected));
        assertThat(codec.encode(back)[0]).isEqualTo(CustomerStateCodec.FORMAT_VERSION);
    }

    @Test
    void stateWrittenInFormat2IsReadWithNoSwitchPending() {
        CustomerState back = codec.decode(HexFormat.of().parseHex(FORMAT_2_BYTES));

        assertThat(back.assignment()).isEqualTo(goldenState(folder).assignment());
        assertThat(back.assignment().pendingWins()).isZero();
        assertThat(codec.encode(back)).isEqualTo(codec.encode(goldenState(folder)));
    }

    @Test
    void stateWrittenInFormat3IsReadWithItsPendingSwitchAndNoSegmentLeft() {
        CustomerState back = codec.decode(HexFormat.of().parseHex(FORMAT_3_BYTES));

        assertThat(back.assignment()).isEqualTo(goldenStateWithPendingSwitch(folder).assignment());
        assertThat(back.assignment().pendingSegmentId()).isEqualTo(5);
        assertThat(back.assignment().leftSegmentId()).isEqualTo(Assignment.NO_SEGMENT);
    }

    @Test
    void format4IsStableKeepsTheSegmentLeftAndIsSmallerThanFormat1() {
        byte[] current = codec.encode(goldenStateWithSegmentLeft(folder));

        assertThat(HexFormat.of().formatHex(current)).isEqualTo(FORMAT_4_BYTES);
        assertThat(codec.decode(current).assignment()).isEqualTo(goldenStateWithSegmentLeft(folder).assignment());
        assertThat(codec.decode(current).assignment().leftSegmentId()).isEqualTo(2);
        assertThat(codec.decode(current).assignment().sinceMillis()).isEqualTo(1_699_000_000_000L);
        assertThat(codec.encode(goldenStateWithPendingSwitch(folder)).length).as("no segment left costs one byte")
                .isEqualTo(HexFormat.of().parseHex(FORMAT_3_BYTES).length + 1);
        assertThat(codec.encode(goldenState(folder)).length).as("format 4 against format 1 bytes")
                .isLessThan(HexFormat.of().parseHex(FORMAT_1_BYTES).length * 2 / 3);
    }

    @Test
    void aRingLongerThanTheConfiguredCapacityKeepsItsNewestEntries() {
        byte[] bytes = codec.encode(sampleState());

        CustomerState back = new CustomerStateCodec(1).decode(bytes);

        assertThat(back.recentEvents().size()).isEqualTo(1);
        assertThat(back.recentEvents().contains(EventIdHash.of("e2"))).isTrue();
    }

    @Test
    void unknownVersionTruncationAndTrailingBytesAreRefused() {
        byte[] bytes = codec.encode(sampleState());
        byte[] newer = bytes.clone();
        newer[0] = 5;

        assertThatThrownBy(() -> codec.decode(newer)).isInstanceOf(StateFormatException.class)
                .hasMessageContaining("version 5").hasMessageContaining("reads versions 1 to 4");
        assertThatThrownBy(() -> codec.decode(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(StateFormatException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> codec.decode(Arrays.copyOf(bytes, bytes.length + 1)))
                .isInstanceOf(StateFormatException.class).hasMessageContaining("trailing");
    }

    @Test
    void aStringLongerThanTheRemainingBytesIsRefused() {
        byte[] profile = ProfileCodec.encode(folder.newProfile());
        ByteWriter bytes = new ByteWriter(64).put(CustomerStateCodec.FORMAT_VERSION).put(profile).put((byte) 1)
                .putVarLong(3)      // segment id
                .putVarLong(7)      // model version
                .putDouble(0.5).putDouble(0.9)
                .putVarLong(1_700_000_000_000L)
                .putVarLong(1_000); // a label of 1,000 bytes, and 4 follow
        byte[] corrupt = Arrays.copyOf(bytes.toByteArray(), bytes.position() + 4);

        assertThatThrownBy(() -> codec.decode(corrupt)).isInstanceOf(StateFormatException.class)
                .hasMessageContaining("corrupt customer state").hasMessageContaining("1000 bytes");
    }
}
