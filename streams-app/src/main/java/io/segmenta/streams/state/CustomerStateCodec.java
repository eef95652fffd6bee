package io.segmenta.streams.state;

import io.segmenta.assigner.codec.ScratchEncoder;
import io.segmenta.assigner.codec.ByteReader;
import io.segmenta.assigner.codec.ByteWriter;
import io.segmenta.assigner.codec.SmallStrings;
import io.segmenta.assigner.dedup.RecentEvents;
import io.segmenta.assigner.dedup.RecentEventsCodec;
import io.segmenta.assigner.profile.CustomerProfile;
import io.segmenta.assigner.profile.ProfileCodec;
import io.segmenta.assigner.profile.ProfileFormatException;
import io.segmenta.assigner.scoring.Assignment;

import java.nio.BufferUnderflowException;

/**
 * Versioned binary form of a {@link CustomerState} for the {@code customers} store and its changelog, written once
 * per event: its size is changelog and RocksDB bytes. Layout of format {@value #FORMAT_VERSION} (big-endian;
 * varlong = zig-zag varint, {@link ByteWriter#putVarLong}):
 * <pre>
 * byte    version = 4
 *         the profile in {@link ProfileCodec}'s own versioned format (it delimits itself)
 * byte    1 if an assignment follows, else 0; the assignment is:
 *   varlong segmentId, varlong modelVersion, double distance, double confidence, varlong scoredAtMillis,
 *   string label, string modelName                (string = varlong length + UTF-8 bytes)
 *   varlong pendingWins, and when it is not 0: varlong pendingSegmentId
 *   byte 1 if a segment left follows, else 0; it is: varlong leftSegmentId, varlong sinceMillis
 *         the recent event ids, compact ({@link RecentEventsCodec#writeCompact})
 * </pre>
 * Formats 3 (format 4 without the segment left), 2 (format 3 without the pending switch) and 1 (fixed-width
 * numbers, an int-length-prefixed profile, the fixed id ring) are still read, so that a rolling upgrade reads state
 * written by the previous builds; the next write of a customer stores format 4. Stateless apart from the dedup capacity applied on decode.
 */
public final class CustomerStateCodec {

    public static final byte FORMAT_VERSION = 4;
    /** Format 4 without the segment left: still read, no longer written. */
    static final byte FORMAT_3 = 3;
    /** Format 3 without the pending switch: still read, no longer written. */
    static final byte FORMAT_2 = 2;
    /** The first layout: still read, no longer written. */
    static final byte FORMAT_1 = 1;

    private final int dedupCapacity;

    /** @param dedupCapacity capacity of decoded id rings; a longer stored ring keeps its newest entries */
    public CustomerStateCodec(int dedupCapacity) {
        if (dedupCapacity < 1 || dedupCapacity > Short.MAX_VALUE) {
            throw new IllegalArgumentException("dedupCapacity must be 1.." + Short.MAX_VALUE + ", was " + dedupCapacity);
        }
        this.dedupCapacity = dedupCapacity;
    }

    public byte[] encode(CustomerState state) {
        return ScratchEncoder.encode(state, CustomerStateCodec::write);
    }

    private static void write(CustomerState state, ByteWriter out) {
        out.put(FORMAT_VERSION);
        ProfileCodec.write(state.profile(), out);
        CurrentAssignment a = state.assignment();
        if (a == null) {
            out.put((byte) 0);
        } else {
            out.put((byte) 1);
            out.putVarLong(a.segmentId()).putVarLong(a.modelVersion())
                    .putDouble(a.distance()).putDouble(a.confidence()).putVarLong(a.scoredAtMillis());
            putString(out, a.label());
            putString(out, a.modelName());
            out.putVarLong(a.pendingWins());
            if (a.pendingWins() > 0) {
                out.putVarLong(a.pendingSegmentId());
            }
            if (a.leftSegmentId() == Assignment.NO_SEGMENT) {
                out.put((byte) 0);
            } else {
                out.put((byte) 1).putVarLong(a.leftSegmentId()).putVarLong(a.sinceMillis());
            }
        }
        RecentEventsCodec.writeCompact(state.recentEvents(), out);
    }

    private static void putString(ByteWriter out, String s) {
        byte[] utf8 = SmallStrings.utf8(s);
        out.putVarLong(utf8.length).put(utf8);
    }

    /** @throws StateFormatException on an unknown version, truncated or trailing bytes, or a corrupt profile */
    public CustomerState decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new StateFormatException("no bytes to decode a customer state from");
        }
        try {
            ByteReader in = new ByteReader(bytes, 1, bytes.length - 1);
            CustomerState state = switch (bytes[0]) {
                case FORMAT_VERSION -> decodeV2(in, true, true);
                case FORMAT_3 -> decodeV2(in, true, false);
                case FORMAT_2 -> decodeV2(in, false, false);
                case FORMAT_1 -> decodeV1(in);
                default -> throw new StateFormatException("unsupported customer state format version " + bytes[0]
                        + " (this build reads versions " + FORMAT_1 + " to " + FORMAT_VERSION
                        + "); written by a newer build?");
            };
            if (in.hasRemaining()) {
                throw new StateFormatException("corrupt customer state: " + in.remaining() + " trailing bytes");
            }
            return state;
        } catch (BufferUnderflowException e) {
            throw new StateFormatException("customer state is truncated (" + bytes.length + " bytes)", e);
        } catch (ProfileFormatException e) {
            throw new StateFormatException("customer state holds a bad profile: " + e.getMessage(), e);
        } catch (StateFormatException e) {
            throw e;
        } catch (IllegalArgumentException e) { // a corrupt id ring, a malformed number or string length
            throw new StateFormatException("corrupt customer state: " + e.getMessage(), e);
        }
    }

    /**
     * Formats 2 to 4: the same layout, format 3 with the pending switch after the model name, format 4 with the
     * segment left after that.
     */
    private CustomerState decodeV2(ByteReader in, boolean withPending, boolean withLeft) {
        CustomerProfile profile = ProfileCodec.read(in);
        CurrentAssignment assignment = null;
        byte hasAssignment = in.get();
        if (hasAssignment == 1) {
            long segmentId = in.getVarLong();
            if (segmentId < Integer.MIN_VALUE || segmentId > Integer.MAX_VALUE) {
                throw new StateFormatException("corrupt customer state: segment id " + segmentId);
            }
            long version = in.getVarLong();
            double distance = in.getDouble();
            double confidence = in.getDouble();
            long scoredAt = in.getVarLong();
            String label = in.getSmallString(in.getVarLong());
            String modelName = in.getSmallString(in.getVarLong());
            long pendingWins = withPending ? in.getVarLong() : 0;
            if (pendingWins < 0 || pendingWins > Integer.MAX_VALUE) {
                throw new StateFormatException("corrupt customer state: pending wins " + pendingWins);
            }
            long pendingSegment = pendingWins > 0 ? in.getVarLong() : Assignment.NO_SEGMENT;
            if (pendingSegment < Integer.MIN_VALUE || pendingSegment > Integer.MAX_VALUE) {
                throw new StateFormatException("corrupt customer state: pending segment id " + pendingSegment);
            }
            byte hasLeft = withLeft ? in.get() : 0;
            if (hasLeft != 0 && hasLeft != 1) {
                throw new StateFormatException("corrupt customer state: segment-left flag " + hasLeft);
            }
            long left = hasLeft == 1 ? in.getVarLong() : Assignment.NO_SEGMENT;
            if (left < Integer.MIN_VALUE || left > Integer.MAX_VALUE) {
                throw new StateFormatException("corrupt customer state: left segment id " + left);
            }
            long since = hasLeft == 1 ? in.getVarLong() : Long.MIN_VALUE;
            assignment = new CurrentAssignment((int) segmentId, label, modelName, version, distance, confidence,
                    scoredAt, (int) pendingSegment, (int) pendingWins, (int) left, since);
        } else if (hasAssignment != 0) {
            throw new StateFormatException("corrupt customer state: assignment flag " + hasAssignment);
        }
        return new CustomerState(profile, assignment, RecentEventsCodec.readCompact(in, dedupCapacity));
    }

    private CustomerState decodeV1(ByteReader in) {
        int profileLength = in.getInt();
        int before = in.remaining();
        CustomerProfile profile = ProfileCodec.read(in);
        if (before - in.remaining() != profileLength) {
            throw new StateFormatException("corrupt customer state: profile of " + (before - in.remaining())
                    + " bytes where its length says " + profileLength);
        }
        CurrentAssignment assignment = null;
        byte hasAssignment = in.get();
        if (hasAssignment == 1) {
            int segmentId = in.getInt();
            long version = in.getLong();
            double distance = in.getDouble();
            double confidence = in.getDouble();
            long scoredAt = in.getLong();
            String label = in.getSmallString(in.getInt());
            String modelName = in.getSmallString(in.getInt());
            assignment = new CurrentAssignment(segmentId, label, modelName, version, distance, confidence, scoredAt);
        } else if (hasAssignment != 0) {
            throw new StateFormatException("corrupt customer state: assignment flag " + hasAssignment);
        }
        RecentEvents recent = RecentEventsCodec.read(in, dedupCapacity); // a longer ring keeps its newest entries
        return new CustomerState(profile, assignment, recent);
    }
}
