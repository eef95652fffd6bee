package io.segmenta.streams.state;

import io.segmenta.assigner.dedup.RecentEvents;
import io.segmenta.assigner.dedup.RecentEventsCodec;
import io.segmenta.assigner.dedup.RecentEventsFormatException;
import io.segmenta.assigner.profile.CustomerProfile;
import io.segmenta.assigner.profile.ProfileCodec;
import io.segmenta.assigner.profile.ProfileFormatException;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Versioned binary form of a {@link CustomerState} for the {@code customers} store and its changelog.
 * Layout of format {@value #FORMAT_VERSION} (big-endian):
 * <pre>
 * byte    version = 1
 * int     n, then n bytes: the profile in {@link ProfileCodec}'s own versioned format
 * byte    1 if an assignment follows, else 0; the assignment is:
 *   int segmentId, long modelVersion, double distance, double confidence, long scoredAtMillis,
 *   string label, string modelName                (string = int length + UTF-8 bytes)
 * short   m, then m x (long event-id hash, long event millis), oldest first   ({@link RecentEventsCodec})
 * </pre>
 * A new layout gets a new version and this class keeps reading the old ones, so a rolling upgrade can read
 * state written by the previous build. Stateless apart from the dedup capacity applied on decode.
 */
public final class CustomerStateCodec {

    public static final byte FORMAT_VERSION = 1;

    private final int dedupCapacity;

    /** @param dedupCapacity capacity of decoded id rings; a longer stored ring keeps its newest entries */
    public CustomerStateCodec(int dedupCapacity) {
        if (dedupCapacity < 1 || dedupCapacity > Short.MAX_VALUE) {
            throw new IllegalArgumentException("dedupCapacity must be 1.." + Short.MAX_VALUE + ", was " + dedupCapacity);
        }
        this.dedupCapacity = dedupCapacity;
    }

    public byte[] encode(CustomerState state) {
        byte[] profile = ProfileCodec.encode(state.profile());
        CurrentAssignment a = state.assignment();
        byte[] label = a == null ? null : a.label().getBytes(StandardCharsets.UTF_8);
        byte[] model = a == null ? null : a.modelName().getBytes(StandardCharsets.UTF_8);
        RecentEvents recent = state.recentEvents();
        int size = 1 + 4 + profile.length + 1 + RecentEventsCodec.encodedSize(recent);
        if (a != null) {
            size += 4 + 8 + 8 + 8 + 8 + 4 + label.length + 4 + model.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(FORMAT_VERSION).putInt(profile.length).put(profile);
        if (a == null) {
            out.put((byte) 0);
        } else {
            out.put((byte) 1).putInt(a.segmentId()).putLong(a.modelVersion()).putDouble(a.distance())
                    .putDouble(a.confidence()).putLong(a.scoredAtMillis())
                    .putInt(label.length).put(label).putInt(model.length).put(model);
        }
        RecentEventsCodec.write(recent, out);
        return out.array();
    }

    /** @throws StateFormatException on an unknown version, truncated or trailing bytes, or a corrupt profile */
    public CustomerState decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new StateFormatException("no bytes to decode a customer state from");
        }
        if (bytes[0] != FORMAT_VERSION) {
            throw new StateFormatException("unsupported customer state format version " + bytes[0]
                    + " (this build reads version " + FORMAT_VERSION + "); written by a newer build?");
        }
        try {
            return decodeV1(ByteBuffer.wrap(bytes, 1, bytes.length - 1));
        } catch (BufferUnderflowException e) {
            throw new StateFormatException("customer state is truncated (" + bytes.length + " bytes)", e);
        } catch (ProfileFormatException e) {
            throw new StateFormatException("customer state holds a bad profile: " + e.getMessage(), e);
        } catch (RecentEventsFormatException e) {
            throw new StateFormatException("corrupt customer state: " + e.getMessage(), e);
        }
    }

    private CustomerState decodeV1(ByteBuffer in) {
        int profileLength = in.getInt();
        if (profileLength < 0 || profileLength > in.remaining()) {
            throw new StateFormatException("corrupt customer state: profile of " + profileLength + " bytes");
        }
        CustomerProfile profile = ProfileCodec.decode(in.array(), in.arrayOffset() + in.position(), profileLength);
        in.position(in.position() + profileLength);
        CurrentAssignment assignment = null;
        byte hasAssignment = in.get();
        if (hasAssignment == 1) {
            int segmentId = in.getInt();
            long version = in.getLong();
            double distance = in.getDouble();
            double confidence = in.getDouble();
            long scoredAt = in.getLong();
            String label = string(in);
            String modelName = string(in);
            assignment = new CurrentAssignment(segmentId, label, modelName, version, distance, confidence, scoredAt);
        } else if (hasAssignment != 0) {
            throw new StateFormatException("corrupt customer state: assignment flag " + hasAssignment);
        }
        RecentEvents recent = RecentEventsCodec.read(in, dedupCapacity); // a longer ring keeps its newest entries
        if (in.hasRemaining()) {
            throw new StateFormatException("corrupt customer state: " + in.remaining() + " trailing bytes");
        }
        return new CustomerState(profile, assignment, recent);
    }

    private static String string(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new StateFormatException("corrupt customer state: string of " + length + " bytes");
        }
        String s = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return s;
    }
}
