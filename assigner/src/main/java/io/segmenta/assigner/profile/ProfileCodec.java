package io.segmenta.assigner.profile;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Compact, versioned binary form of a {@link CustomerProfile} for Kafka Streams state stores and Flink state.
 * Layout of format {@value #FORMAT_VERSION} (big-endian):
 * <pre>
 * byte    version = 1
 * byte    presence flags: 1 age, 2 income, 4 gender, 8 country, 16 channel
 * double  halfLifeDays
 * long    eventCount; when &gt; 0 it is followed by:
 *   long    firstEventMillis, lastEventMillis
 *   double  purchases, purchaseAmount, refunds, sessions, pageViews, cartAdds (decayed to lastEventMillis)
 *   byte    n, then n x int category hashes (sorted)
 * per present attribute, in flag order: double value (age, income) or int length + UTF-8 bytes; then long millis
 * </pre>
 * A new layout gets a new version number and this class keeps reading the old ones. Stateless.
 */
public final class ProfileCodec {

    public static final byte FORMAT_VERSION = 1;

    private static final int AGE = 1;
    private static final int INCOME = 2;
    private static final int GENDER = 4;
    private static final int COUNTRY = 8;
    private static final int CHANNEL = 16;

    private ProfileCodec() {
    }

    public static byte[] encode(CustomerProfile p) {
        byte[] gender = utf8(p.gender);
        byte[] country = utf8(p.country);
        byte[] channel = utf8(p.channel);
        int[] hashes = p.sortedCategoryHashes();
        int flags = (Double.isNaN(p.age) ? 0 : AGE) | (Double.isNaN(p.income) ? 0 : INCOME)
                | (gender == null ? 0 : GENDER) | (country == null ? 0 : COUNTRY) | (channel == null ? 0 : CHANNEL);

        int size = 1 + 1 + 8 + 8;
        if (!p.isEmpty()) {
            size += 16 + 6 * 8 + 1 + 4 * hashes.length;
        }
        size += (flags & AGE) != 0 ? 16 : 0;
        size += (flags & INCOME) != 0 ? 16 : 0;
        size += stringSize(gender) + stringSize(country) + stringSize(channel);

        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(FORMAT_VERSION).put((byte) flags).putDouble(p.halfLifeDays).putLong(p.eventCount);
        if (!p.isEmpty()) {
            out.putLong(p.firstEventMillis).putLong(p.lastEventMillis)
                    .putDouble(p.purchases).putDouble(p.purchaseAmount).putDouble(p.refunds)
                    .putDouble(p.sessions).putDouble(p.pageViews).putDouble(p.cartAdds)
                    .put((byte) hashes.length);
            for (int h : hashes) {
                out.putInt(h);
            }
        }
        if ((flags & AGE) != 0) {
            out.putDouble(p.age).putLong(p.ageMillis);
        }
        if ((flags & INCOME) != 0) {
            out.putDouble(p.income).putLong(p.incomeMillis);
        }
        putString(out, gender, p.genderMillis);
        putString(out, country, p.countryMillis);
        putString(out, channel, p.channelMillis);
        return out.array();
    }

    /**
     * @throws ProfileFormatException on an unknown version, truncated or trailing bytes, or impossible values
     */
    public static CustomerProfile decode(byte[] bytes) {
        if (bytes == null) {
            throw new ProfileFormatException("no bytes to decode a customer profile from");
        }
        return decode(bytes, 0, bytes.length);
    }

    /**
     * Decodes the profile held in {@code bytes[offset, offset + length)}, e.g. inside a larger state entry, without
     * copying it out first.
     *
     * @throws ProfileFormatException on an unknown version, truncated or trailing bytes, or impossible values
     */
    public static CustomerProfile decode(byte[] bytes, int offset, int length) {
        if (bytes == null || length <= 0) {
            throw new ProfileFormatException("no bytes to decode a customer profile from");
        }
        int version = bytes[offset];
        if (version != FORMAT_VERSION) {
            throw new ProfileFormatException("unsupported customer profile format version " + version
                    + " (this build reads version " + FORMAT_VERSION + "); it was written by a newer build or is not a profile");
        }
        try {
            return decodeV1(ByteBuffer.wrap(bytes, offset + 1, length - 1));
        } catch (BufferUnderflowException e) {
            throw new ProfileFormatException("customer profile is truncated (" + length + " bytes)", e);
        }
    }

    private static CustomerProfile decodeV1(ByteBuffer in) {
        int flags = in.get();
        double halfLife = in.getDouble();
        if (!(halfLife > 0) || Double.isInfinite(halfLife)) {
            throw new ProfileFormatException("corrupt customer profile: half-life " + halfLife);
        }
        CustomerProfile p = new CustomerProfile(halfLife);
        p.eventCount = in.getLong();
        if (p.eventCount < 0) {
            throw new ProfileFormatException("corrupt customer profile: event count " + p.eventCount);
        }
        if (p.eventCount > 0) {
            p.firstEventMillis = in.getLong();
            p.lastEventMillis = in.getLong();
            p.purchases = in.getDouble();
            p.purchaseAmount = in.getDouble();
            p.refunds = in.getDouble();
            p.sessions = in.getDouble();
            p.pageViews = in.getDouble();
            p.cartAdds = in.getDouble();
            int n = in.get();
            if (n < 0 || n > CustomerProfile.MAX_TRACKED_CATEGORIES) {
                throw new ProfileFormatException("corrupt customer profile: " + n + " category hashes");
            }
            if (n > 0) {
                p.categoryHashes = new int[CustomerProfile.MAX_TRACKED_CATEGORIES];
                for (int i = 0; i < n; i++) {
                    p.categoryHashes[i] = in.getInt();
                }
            }
            p.categoryCount = n;
        }
        if ((flags & AGE) != 0) {
            p.age = in.getDouble();
            p.ageMillis = in.getLong();
        }
        if ((flags & INCOME) != 0) {
            p.income = in.getDouble();
            p.incomeMillis = in.getLong();
        }
        if ((flags & GENDER) != 0) {
            p.gender = getString(in);
            p.genderMillis = in.getLong();
        }
        if ((flags & COUNTRY) != 0) {
            p.country = getString(in);
            p.countryMillis = in.getLong();
        }
        if ((flags & CHANNEL) != 0) {
            p.channel = getString(in);
            p.channelMillis = in.getLong();
        }
        if (in.hasRemaining()) {
            throw new ProfileFormatException("corrupt customer profile: " + in.remaining() + " trailing bytes");
        }
        return p;
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static int stringSize(byte[] utf8) {
        return utf8 == null ? 0 : 4 + utf8.length + 8;
    }

    private static void putString(ByteBuffer out, byte[] utf8, long millis) {
        if (utf8 != null) {
            out.putInt(utf8.length).put(utf8).putLong(millis);
        }
    }

    private static String getString(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new ProfileFormatException("corrupt customer profile: string of " + length + " bytes");
        }
        String s = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return s;
    }
}
