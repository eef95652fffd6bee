package io.segmenta.trainer.job;

import io.segmenta.assigner.dedup.DedupPolicy;
import io.segmenta.assigner.dedup.RecentEvents;
import io.segmenta.assigner.dedup.RecentEventsCodec;
import io.segmenta.assigner.profile.CustomerProfile;
import io.segmenta.assigner.profile.ProfileCodec;
import io.segmenta.assigner.profile.ProfileFolder;
import io.segmenta.avro.CustomerEvent;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the trainer keeps per customer from the events: the profile (the core's codec, the same bytes the assigner
 * keeps) and the recently seen event ids (the core's de-duplication, as in the assigner). Layout of format
 * {@value #FORMAT_VERSION} (big-endian):
 * <pre>
 * byte    version = 1
 * int     n, then n bytes: the profile in {@link ProfileCodec}'s own versioned format
 * short   m, then m x (long event-id hash, long event millis)   ({@link RecentEventsCodec})
 * </pre>
 * The profile comes first and carries its length so that the window pass reads it in place and skips the ids. The
 * segment last assigned at a window close is not in here: {@link ProfileOperator} keeps it in its own small state,
 * so that a window close never re-encodes a profile.
 */
public record TrainerCustomerState(CustomerProfile profile, RecentEvents recentEvents) {

    public static final byte FORMAT_VERSION = 1;

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
        byte[] p = ProfileCodec.encode(profile);
        ByteBuffer out = ByteBuffer.allocate(1 + 4 + p.length + RecentEventsCodec.encodedSize(recentEvents));
        out.put(FORMAT_VERSION).putInt(p.length).put(p);
        RecentEventsCodec.write(recentEvents, out);
        return out.array();
    }

    /**
     * @param dedupCapacity capacity of the decoded id ring; a longer stored ring keeps its newest entries
     * @throws IllegalStateException when the bytes are not this format (a newer build's, or corrupt)
     */
    public static TrainerCustomerState decode(byte[] bytes, int dedupCapacity) {
        return reading(bytes, in -> {
            CustomerProfile profile = profile(bytes, in);
            RecentEvents recent = RecentEventsCodec.read(in, dedupCapacity);
            if (in.hasRemaining()) {
                throw new IllegalStateException("corrupt trainer customer state: " + in.remaining() + " trailing bytes");
            }
            return new TrainerCustomerState(profile, recent);
        });
    }

    /** Only the profile, decoded in place without copying its bytes out (the window pass needs nothing else). */
    public static CustomerProfile decodeProfile(byte[] bytes) {
        return reading(bytes, in -> profile(bytes, in));
    }

    /** Runs {@code read} over the bytes; short or malformed bytes become one clear state error. */
    private static <T> T reading(byte[] bytes, Function<ByteBuffer, T> read) {
        try {
            return read.apply(ByteBuffer.wrap(bytes));
        } catch (BufferUnderflowException e) {
            throw new IllegalStateException("trainer customer state is truncated (" + bytes.length + " bytes)", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("corrupt trainer customer state: " + e.getMessage(), e);
        }
    }

    /** Reads the version and the profile; leaves {@code in} after the profile. */
    private static CustomerProfile profile(byte[] bytes, ByteBuffer in) {
        byte version = in.get();
        if (version != FORMAT_VERSION) {
            throw new IllegalStateException("unsupported trainer customer state format version " + version
                    + " (this build reads version " + FORMAT_VERSION + "); written by a newer build?");
        }
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalStateException("corrupt trainer customer state: profile of " + length + " bytes");
        }
        CustomerProfile profile = ProfileCodec.decode(bytes, in.position(), length);
        in.position(in.position() + length);
        return profile;
    }
}
