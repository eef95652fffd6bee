package io.segmenta.trainer.job;

import io.segmenta.assigner.codec.ByteReader;
import io.segmenta.assigner.codec.ByteWriter;
import io.segmenta.assigner.codec.ScratchEncoder;
import io.segmenta.assigner.dedup.DedupPolicy;
import io.segmenta.assigner.dedup.RecentEvents;
import io.segmenta.assigner.dedup.RecentEventsCodec;
import io.segmenta.assigner.profile.CustomerProfile;
import io.segmenta.assigner.profile.ProfileCodec;
import io.segmenta.assigner.profile.ProfileFolder;
import io.segmenta.avro.CustomerEvent;

import java.nio.BufferUnderflowException;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the trainer keeps per customer from the events: the profile (the core's codec, the same bytes the assigner
 * keeps) and the recently seen event ids (the core's de-duplication, as in the assigner). Layout of format
 * {@value #FORMAT_VERSION} (big-endian):
 * <pre>
 * byte    version = 2
 *         the profile in {@link ProfileCodec}'s own versioned format (it delimits itself)
 *         the recent event ids, compact ({@link RecentEventsCodec#writeCompact})
 * </pre>
 * The profile comes first so that the window pass reads it in place and stops before the ids. Format 1 ({@code int}
 * profile length, the profile, the fixed id ring) is still read, so a job restored from an older checkpoint carries
 * on; a customer's next event stores format 2. The segment last assigned at a window close is not in here:
 * {@link ProfileOperator} keeps it in its own small state, so that a window close never re-encodes a profile.
 */
public record TrainerCustomerState(CustomerProfile profile, RecentEvents recentEvents) {

    public static final byte FORMAT_VERSION = 2;
    /** The previous layout: still read, no longer written. */
    static final byte FORMAT_1 = 1;

    public TrainerCustomerState {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(recentEvents, "recentEvents");
    }

    public static TrainerCustomerState empty(CustomerProfile profile, DedupPolicy dedup) {
        return new TrainerCustomerState(profile, dedup.newRecentEvents());
    }

    /**
     * One event on a worker: de-duplicated by id, then folded (the assigner's rules, the core's classes).
     *
     * @param stored the customer's state bytes, null for a customer not seen yet
     * @return the new state bytes, or null when the event is a duplicate (nothing to write)
     */
    public static byte[] fold(byte[] stored, CustomerEvent event, ProfileFolder folder, DedupPolicy dedup) {
        TrainerCustomerState state = stored == null ? empty(folder.newProfile(), dedup) : decode(stored, dedup.capacity());
        if (!dedup.admit(state.recentEvents, event.getEventId(), event.getEventTime().toEpochMilli(),
                state.profile.lastEventMillis())) {
            return null;
        }
        folder.fold(state.profile, event);
        return state.encode();
    }

    public byte[] encode() {
        return ScratchEncoder.encode(this, TrainerCustomerState::write);
    }

    private static void write(TrainerCustomerState state, ByteWriter out) {
        out.put(FORMAT_VERSION);
        ProfileCodec.write(state.profile, out);
        RecentEventsCodec.writeCompact(state.recentEvents, out);
    }

    /**
     * @param dedupCapacity capacity of the decoded id ring; a longer stored ring keeps its newest entries
     * @throws IllegalStateException when the bytes are not a format this build reads (a newer build's, or corrupt)
     */
    public static TrainerCustomerState decode(byte[] bytes, int dedupCapacity) {
        return reading(bytes, in -> {
            boolean format1 = bytes.length > 0 && bytes[0] == FORMAT_1;
            CustomerProfile profile = profile(in);
            RecentEvents recent = format1 ? RecentEventsCodec.read(in, dedupCapacity)
                    : RecentEventsCodec.readCompact(in, dedupCapacity);
            if (in.hasRemaining()) {
                throw new IllegalStateException("corrupt trainer customer state: " + in.remaining() + " trailing bytes");
            }
            return new TrainerCustomerState(profile, recent);
        });
    }

    /** Only the profile, decoded in place without copying its bytes out (the window pass needs nothing else). */
    public static CustomerProfile decodeProfile(byte[] bytes) {
        return reading(bytes, in -> profile(in));
    }

    /** Runs {@code read} over the bytes; short or malformed bytes become one clear state error. */
    private static <T> T reading(byte[] bytes, Function<ByteReader, T> read) {
        try {
            return read.apply(new ByteReader(bytes));
        } catch (BufferUnderflowException e) {
            throw new IllegalStateException("trainer customer state is truncated (" + bytes.length + " bytes)", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("corrupt trainer customer state: " + e.getMessage(), e);
        }
    }

    /** Reads the version and the profile; leaves {@code in} after the profile. */
    private static CustomerProfile profile(ByteReader in) {
        byte version = in.get();
        if (version == FORMAT_VERSION) {
            return ProfileCodec.read(in);
        }
        if (version != FORMAT_1) {
            throw new IllegalStateException("unsupported trainer customer state format version " + version
                    + " (this build reads versions " + FORMAT_1 + " and " + FORMAT_VERSION + "); written by a newer build?");
        }
        int length = in.getInt();
        int before = in.remaining();
        CustomerProfile profile = ProfileCodec.read(in);
        if (before - in.remaining() != length) {
            throw new IllegalStateException("corrupt trainer customer state: profile of " + (before - in.remaining())
                    + " bytes where its length says " + length);
        }
        return profile;
    }
}
