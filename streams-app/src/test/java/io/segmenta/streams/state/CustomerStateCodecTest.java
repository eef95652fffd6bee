package io.segmenta.streams.state;

import io.segmenta.assigner.events.EventRules;
import io.segmenta.assigner.profile.CustomerProfile;
import io.segmenta.assigner.profile.ProfileFolder;
import io.segmenta.streams.TestEvents;
import io.segmenta.streams.TestModels;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;

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
        newer[0] = 2;

        assertThatThrownBy(() -> codec.decode(newer)).isInstanceOf(StateFormatException.class).hasMessageContaining("version 2");
        assertThatThrownBy(() -> codec.decode(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(StateFormatException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> codec.decode(Arrays.copyOf(bytes, bytes.length + 1)))
                .isInstanceOf(StateFormatException.class).hasMessageContaining("trailing");
    }
}
