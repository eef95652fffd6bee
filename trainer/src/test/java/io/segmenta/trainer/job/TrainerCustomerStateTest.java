package io.segmenta.trainer.job;

import io.segmenta.assigner.dedup.DedupPolicy;
import io.segmenta.assigner.dedup.EventIdHash;
import io.segmenta.assigner.events.EventRules;
import io.segmenta.assigner.profile.CustomerProfile;
import io.segmenta.assigner.profile.ProfileCodec;
import io.segmenta.assigner.profile.ProfileFolder;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.EventType;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainerCustomerStateTest {

    static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");
    final ProfileFolder folder = new ProfileFolder(30.0, EventRules.DEFAULTS);
    final DedupPolicy dedup = DedupPolicy.DEFAULTS;

    static CustomerEvent event(String id, Instant at, double amount) {
        return CustomerEvent.newBuilder().setEventId(id).setCustomerId("alice").setEventTime(at)
                .setType(EventType.PURCHASE).setAmount(amount).setCurrency("EUR").setProductCategory("books")
                .setChannel("web").build();
    }

    /** Two events folded through the state, as the operator does. */
    byte[] twoEvents() {
        byte[] first = TrainerCustomerState.fold(null, event("e1", T0, 20), folder, dedup);
        return TrainerCustomerState.fold(first, event("e2", T0.plusSeconds(3600), 35), folder, dedup);
    }

    @Test
    void foldingKeepsTheProfileAndTheIdsAndDropsADuplicate() {
        byte[] stored = twoEvents();

        TrainerCustomerState state = TrainerCustomerState.decode(stored, dedup.capacity());

        assertThat(stored[0]).isEqualTo(TrainerCustomerState.FORMAT_VERSION);
        assertThat(state.profile().eventCount()).isEqualTo(2);
        assertThat(state.recentEvents().contains(EventIdHash.of("e1"))).isTrue();
        assertThat(state.recentEvents().timeAt(1)).isEqualTo(T0.plusSeconds(3600).toEpochMilli());
        assertThat(TrainerCustomerState.fold(stored, event("e2", T0.plusSeconds(3600), 35), folder, dedup)).isNull();
        assertThat(ProfileCodec.encode(TrainerCustomerState.decodeProfile(stored)))
                .isEqualTo(ProfileCodec.encode(state.profile()));
        assertThat(state.encode()).isEqualTo(stored);
    }

    /** A profile in format 1, as the previous build wrote it (the assigner module's ProfileCodecTest reads it too). */
    static final String PROFILE_FORMAT_1 = "011f4035000000000000000000000000003c00000194274083e000000198245384673fa95264f0b54e9a3f"
            + "f65812d828a7703fea2f28feb1ef763ffad9d406b660ef4001c9ffbb4b3c8f3ff0512cfd870ccb00404a000000000000000001967ad42765"
            + "40f0d88000000000000001967ad427650000000166000001967ad4276500000002474200000197a859ff190000000361707000000197a859ff19";

    /** Trainer state format 1: version, int profile length, the profile, short m, m x (long hash, long millis). */
    static byte[] format1State(byte[] profile, long hash, long millis) {
        return ByteBuffer.allocate(1 + 4 + profile.length + 2 + 16).put((byte) 1).putInt(profile.length).put(profile)
                .putShort((short) 1).putLong(hash).putLong(millis).array();
    }

    @Test
    void stateOfTheFormat1CheckpointsIsReadAndWrittenAgainInFormat2() {
        byte[] profile = HexFormat.of().parseHex(PROFILE_FORMAT_1);
        CustomerProfile expected = ProfileCodec.decode(profile);
        byte[] stored = format1State(profile, EventIdHash.of("e9"), expected.lastEventMillis());

        TrainerCustomerState state = TrainerCustomerState.decode(stored, dedup.capacity());

        assertThat(ProfileCodec.encode(state.profile())).isEqualTo(ProfileCodec.encode(expected));
        assertThat(ProfileCodec.encode(TrainerCustomerState.decodeProfile(stored))).isEqualTo(ProfileCodec.encode(expected));
        assertThat(state.recentEvents().contains(EventIdHash.of("e9"))).isTrue();
        byte[] again = state.encode();
        assertThat(again[0]).isEqualTo(TrainerCustomerState.FORMAT_VERSION);
        assertThat(again.length).isLessThan(stored.length);
        assertThat(TrainerCustomerState.decode(again, dedup.capacity()).recentEvents()).isEqualTo(state.recentEvents());
    }

    @Test
    void unknownVersionsTruncationAndTrailingBytesAreClearErrors() {
        byte[] stored = twoEvents();
        byte[] newer = stored.clone();
        newer[0] = 3;

        assertThatThrownBy(() -> TrainerCustomerState.decode(newer, 64)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("version 3").hasMessageContaining("reads versions 1 and 2");
        assertThatThrownBy(() -> TrainerCustomerState.decode(Arrays.copyOf(stored, stored.length - 2), 64))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> TrainerCustomerState.decode(Arrays.copyOf(stored, stored.length + 1), 64))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("trailing");
        assertThatThrownBy(() -> TrainerCustomerState.decode(new byte[0], 64)).isInstanceOf(IllegalStateException.class);
    }
}
