package io.segmenta.assigner.profile;

import io.segmenta.assigner.events.EventRules;
import io.segmenta.avro.CustomerEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.segmenta.assigner.profile.Events.DAY;
import static io.segmenta.assigner.profile.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfileCodecTest {

    private final ProfileFolder folder = new ProfileFolder(21, EventRules.DEFAULTS);

    private CustomerProfile randomProfile(long seed, int events) {
        CustomerProfile p = folder.newProfile();
        for (CustomerEvent e : Events.randomHistory(new Random(seed), events, 200)) {
            folder.fold(p, e);
        }
        return p;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 50, 500})
    void roundTripKeepsEveryFeatureExactly(int events) {
        CustomerProfile original = randomProfile(events, events);
        CustomerProfile decoded = ProfileCodec.decode(ProfileCodec.encode(original));
        long asOf = T0 + 250 * DAY;
        assertThat(decoded.asOf(asOf)).isEqualTo(original.asOf(asOf));
        assertThat(decoded.halfLifeDays()).isEqualTo(original.halfLifeDays());
        assertThat(decoded.eventCount()).isEqualTo(original.eventCount());
        assertThat(decoded.firstEventMillis()).isEqualTo(original.firstEventMillis());
        assertThat(decoded.lastEventMillis()).isEqualTo(original.lastEventMillis());
        assertThat(decoded.sortedCategoryHashes()).isEqualTo(original.sortedCategoryHashes());
        assertThat(ProfileCodec.encode(decoded)).isEqualTo(ProfileCodec.encode(original));
    }

    @Test
    void decodesAProfileInsideALargerBufferWithoutItsNeighbours() {
        CustomerProfile original = randomProfile(11, 40);
        byte[] profile = ProfileCodec.encode(original);
        byte[] entry = new byte[3 + profile.length + 5];
        Arrays.fill(entry, (byte) 0x7f);
        System.arraycopy(profile, 0, entry, 3, profile.length);

        CustomerProfile decoded = ProfileCodec.decode(entry, 3, profile.length);

        assertThat(ProfileCodec.encode(decoded)).isEqualTo(profile);
        assertThatThrownBy(() -> ProfileCodec.decode(entry, 3, profile.length + 1))
                .isInstanceOf(ProfileFormatException.class).hasMessageContaining("trailing");
        assertThatThrownBy(() -> ProfileCodec.decode(entry, 3, profile.length - 1))
                .isInstanceOf(ProfileFormatException.class).hasMessageContaining("truncated");
    }

    @Test
    void decodedProfileKeepsFoldingLikeTheOriginal() {
        CustomerProfile original = randomProfile(7, 100);
        CustomerProfile decoded = ProfileCodec.decode(ProfileCodec.encode(original));
        List<CustomerEvent> more = Events.randomHistory(new Random(8), 50, 300);
        for (CustomerEvent e : more) {
            folder.fold(original, e);
            folder.fold(decoded, e);
        }
        assertThat(ProfileCodec.encode(decoded)).isEqualTo(ProfileCodec.encode(original));
    }

    @Test
    void roundTripKeepsNonAsciiValues() {
        CustomerProfile p = folder.newProfile();
        folder.fold(p, Events.event(io.segmenta.avro.EventType.PROFILE_UPDATE, T0).setCountry("Côte d’Ivoire").build());
        assertThat(ProfileCodec.decode(ProfileCodec.encode(p)).country()).isEqualTo("Côte d’Ivoire");
    }

    @Test
    void isCompact() {
        assertThat(ProfileCodec.encode(folder.newProfile())).hasSize(18);
        assertThat(ProfileCodec.encode(randomProfile(3, 500)).length).isLessThan(250);
    }

    @Test
    void startsWithTheFormatVersionAndRejectsOthers() {
        byte[] bytes = ProfileCodec.encode(randomProfile(1, 10));
        assertThat(bytes[0]).isEqualTo(ProfileCodec.FORMAT_VERSION);
        bytes[0] = 9;
        assertThatThrownBy(() -> ProfileCodec.decode(bytes))
                .isInstanceOf(ProfileFormatException.class)
                .hasMessageContaining("version 9").hasMessageContaining("reads version 1");
    }

    @Test
    void rejectsTruncatedEmptyAndTrailingBytes() {
        byte[] bytes = ProfileCodec.encode(randomProfile(2, 20));
        assertThatThrownBy(() -> ProfileCodec.decode(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(ProfileFormatException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> ProfileCodec.decode(new byte[0])).isInstanceOf(ProfileFormatException.class);
        assertThatThrownBy(() -> ProfileCodec.decode(Arrays.copyOf(bytes, bytes.length + 1)))
                .isInstanceOf(ProfileFormatException.class).hasMessageContaining("trailing");
    }
}
