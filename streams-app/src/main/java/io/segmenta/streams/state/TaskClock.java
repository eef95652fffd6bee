package io.segmenta.streams.state;

import java.nio.ByteBuffer;

/**
 * What a task keeps about time: the model version in force and the stream time (latest event time) at which it
 * took over. Written only when a version takes over, so it costs nothing per event; a restarted task goes on from
 * it. 17 bytes: a format byte, then both numbers big-endian.
 */
public record TaskClock(long version, long streamTime) {

    static final byte FORMAT = 1;
    static final int SIZE = 1 + 2 * Long.BYTES;

    public static byte[] encode(long version, long streamTime) {
        return ByteBuffer.allocate(SIZE).put(FORMAT).putLong(version).putLong(streamTime).array();
    }

    /** @throws StateFormatException for bytes of another format or length */
    public static TaskClock decode(byte[] bytes) {
        if (bytes.length != SIZE || bytes[0] != FORMAT) {
            throw new StateFormatException("task clock: expected " + SIZE + " bytes of format " + FORMAT + ", got "
                    + bytes.length + " bytes" + (bytes.length > 0 ? " of format " + bytes[0] : ""));
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, SIZE - 1);
        return new TaskClock(buffer.getLong(), buffer.getLong());
    }
}
