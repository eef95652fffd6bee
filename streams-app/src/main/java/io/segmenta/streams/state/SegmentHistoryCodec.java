package io.segmenta.streams.state;

import io.segmenta.assigner.codec.ByteReader;
import io.segmenta.assigner.codec.ByteWriter;
import io.segmenta.assigner.codec.ScratchEncoder;
import io.segmenta.assigner.codec.SmallStrings;
import io.segmenta.avro.ChangeCause;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.BufferUnderflowException;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary form of a {@link SegmentHistory} for the {@code customer-history} store and its changelog, written once per
 * segment change (not per event). Layout of format {@value #FORMAT} (varlong = zig-zag varint):
 * <pre>
 * byte    format = 1
 * byte    1 if older transitions were dropped, else 0
 * varlong count, then per transition, oldest first:
 *   varlong atMillis (the first absolute, the others as the difference to the one before; never negative)
 *   varlong fromSegmentId, varlong segmentId, varlong modelVersion, byte cause (see {@link #causeCode})
 *   varlong label length + UTF-8 bytes
 * </pre>
 */
public final class SegmentHistoryCodec {

    static final byte FORMAT = 1;
    /** More than any capacity the setting allows: a count beyond it is corruption, not a long history. */
    static final int MAX_COUNT = 1 << 16;

    private SegmentHistoryCodec() {
    }

    /** Kafka serde for the store and its changelog. */
    public static Serde<SegmentHistory> serde() {
        Serializer<SegmentHistory> serializer = (topic, h) -> h == null ? null : encode(h);
        Deserializer<SegmentHistory> deserializer = (topic, b) -> b == null ? null : decode(b);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    public static byte[] encode(SegmentHistory history) {
        return ScratchEncoder.encode(history, SegmentHistoryCodec::write);
    }

    private static void write(SegmentHistory history, ByteWriter out) {
        out.put(FORMAT).put((byte) (history.truncated() ? 1 : 0)).putVarLong(history.transitions().size());
        long previous = 0;
        for (SegmentHistory.Transition t : history.transitions()) {
            out.putVarLong(t.atMillis() - previous);
            previous = t.atMillis();
            out.putVarLong(t.fromSegmentId()).putVarLong(t.segmentId()).putVarLong(t.modelVersion())
                    .put(causeCode(t.cause()));
            byte[] label = SmallStrings.utf8(t.label());
            out.putVarLong(label.length).put(label);
        }
    }

    /** @throws StateFormatException on another format, truncated or trailing bytes, or impossible values */
    public static SegmentHistory decode(byte[] bytes) {
        if (bytes == null || bytes.length < 3) {
            throw new StateFormatException("segment history: " + (bytes == null ? "no" : bytes.length) + " bytes");
        }
        if (bytes[0] != FORMAT) {
            throw new StateFormatException("segment history: unsupported format " + bytes[0] + " (this build reads "
                    + FORMAT + "); written by a newer build?");
        }
        try {
            ByteReader in = new ByteReader(bytes, 1, bytes.length - 1);
            byte truncated = in.get();
            if (truncated != 0 && truncated != 1) {
                throw new StateFormatException("segment history: truncation flag " + truncated);
            }
            long count = in.getVarLong();
            if (count < 0 || count > MAX_COUNT) {
                throw new StateFormatException("segment history: " + count + " transitions");
            }
            List<SegmentHistory.Transition> transitions = new ArrayList<>((int) count);
            long at = 0;
            for (int i = 0; i < count; i++) {
                long delta = in.getVarLong();
                if (i > 0 && delta < 0) {
                    throw new StateFormatException("segment history: transition " + i + " before the one it follows");
                }
                at += delta;
                int from = toInt(in.getVarLong(), "from segment id");
                int to = toInt(in.getVarLong(), "segment id");
                long version = in.getVarLong();
                ChangeCause cause = cause(in.get());
                String label = in.getSmallString(in.getVarLong());
                transitions.add(new SegmentHistory.Transition(at, from, to, label, version, cause));
            }
            if (in.hasRemaining()) {
                throw new StateFormatException("segment history: " + in.remaining() + " trailing bytes");
            }
            return new SegmentHistory(transitions, truncated == 1);
        } catch (BufferUnderflowException e) {
            throw new StateFormatException("segment history is truncated (" + bytes.length + " bytes)", e);
        } catch (StateFormatException e) {
            throw e;
        } catch (IllegalArgumentException e) { // a malformed varint or string length
            throw new StateFormatException("corrupt segment history: " + e.getMessage(), e);
        }
    }

    /** Our own codes, not the Avro enum's ordinals: a symbol added to the contract must not change stored state. */
    static byte causeCode(ChangeCause cause) {
        return switch (cause) {
            case UNKNOWN -> 0;
            case EVENT -> 1;
            case MODEL_UPDATE -> 2;
            case REPLAY -> 3;
        };
    }

    private static ChangeCause cause(byte code) {
        return switch (code) {
            case 0 -> ChangeCause.UNKNOWN;
            case 1 -> ChangeCause.EVENT;
            case 2 -> ChangeCause.MODEL_UPDATE;
            case 3 -> ChangeCause.REPLAY;
            default -> throw new StateFormatException("segment history: cause code " + code);
        };
    }

    private static int toInt(long v, String what) {
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new StateFormatException("segment history: " + what + " " + v);
        }
        return (int) v;
    }
}
