package io.segmenta.assigner.profile;

import io.segmenta.assigner.codec.ByteReader;
import io.segmenta.assigner.codec.ByteWriter;
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
        assertThat(ProfileCodec.encode(folder.newProfile())).hasSize(11);
        assertThat(ProfileCodec.encode(randomProfile(3, 500)).length).isLessThan(200);
    }

    /** {@code randomProfile(5, 60)} as the build before format 2 wrote it (format 1: fixed-width numbers). */
    static final String FORMAT_1_BYTES = "011f4035000000000000000000000000003c00000194274083e000000198245384673fa95264f0b54e9a3ff6"
            + "5812d828a7703fea2f28feb1ef763ffad9d406b660ef4001c9ffbb4b3c8f3ff0512cfd870ccb00404a000000000000000001967ad4276540f0"
            + "d88000000000000001967ad427650000000166000001967ad4276500000002474200000197a859ff190000000361707000000197a859ff19";

    @Test
    void readsFormat1AndWritesItAgainAsTheCurrentFormat() {
        CustomerProfile expected = randomProfile(5, 60);
        byte[] stored = java.util.HexFormat.of().parseHex(FORMAT_1_BYTES);

        CustomerProfile back = ProfileCodec.decode(stored);

        long asOf = T0 + 250 * DAY;
        assertThat(back.asOf(asOf)).isEqualTo(expected.asOf(asOf));
        assertThat(back.gender()).isEqualTo("f");
        assertThat(back.country()).isEqualTo("GB");
        assertThat(ProfileCodec.encode(back)).isEqualTo(ProfileCodec.encode(expected));
        assertThat(ProfileCodec.encode(back)[0]).isEqualTo(ProfileCodec.FORMAT_VERSION);
        assertThat(ProfileCodec.encode(back).length).as("format 2 against format 1").isLessThan(stored.length * 85 / 100); // 122 against 149 bytes
    }

    @Test
    void zeroCountersAreLeftOutAndNegativeZeroKeepsItsSign() {
        CustomerProfile p = randomProfile(6, 30);
        p.refunds = 0.0;
        p.cartAdds = -0.0;
        byte[] bytes = ProfileCodec.encode(p);

        CustomerProfile back = ProfileCodec.decode(bytes);

        assertThat(Double.doubleToRawLongBits(back.refunds)).isZero();
        assertThat(Double.doubleToRawLongBits(back.cartAdds)).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(back.purchases).isEqualTo(p.purchases);
        p.cartAdds = 0.0;
        assertThat(ProfileCodec.encode(p)).hasSize(bytes.length - 8);
    }

    @Test
    void attributeTimesAfterTheLatestEventAndFarApartRoundTrip() {
        CustomerProfile p = randomProfile(8, 20);
        p.ageMillis = p.lastEventMillis + 5_000; // a difference of the other sign
        p.incomeMillis = Long.MIN_VALUE + 1;    // the difference overflows and wraps back
        p.firstEventMillis = p.lastEventMillis - 400L * DAY;

        CustomerProfile back = ProfileCodec.decode(ProfileCodec.encode(p));

        assertThat(back.ageMillis).isEqualTo(p.ageMillis);
        assertThat(back.incomeMillis).isEqualTo(p.incomeMillis);
        assertThat(back.firstEventMillis()).isEqualTo(p.firstEventMillis());
    }

    @Test
    void aProfileEmbeddedInALargerStateDelimitsItself() {
        CustomerProfile original = randomProfile(9, 25);
        ByteWriter out = new ByteWriter(16);
        ProfileCodec.write(original, out);
        out.put((byte) 1).put((byte) 2).put((byte) 3);
        ByteReader in = new ByteReader(out.toByteArray());

        CustomerProfile back = ProfileCodec.read(in);

        assertThat(in.remaining()).isEqualTo(3);
        assertThat(ProfileCodec.encode(back)).isEqualTo(ProfileCodec.encode(original));
    }

    @Test
    void startsWithTheFormatVersionAndRejectsOthers() {
        byte[] bytes = ProfileCodec.encode(randomProfile(1, 10));
        assertThat(bytes[0]).isEqualTo(ProfileCodec.FORMAT_VERSION);
        bytes[0] = 9;
        assertThatThrownBy(() -> ProfileCodec.decode(bytes))
                .isInstanceOf(ProfileFormatException.class)
                .hasMessageContaining("version 9").hasMessageContaining("reads versions 1 and 2");
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
