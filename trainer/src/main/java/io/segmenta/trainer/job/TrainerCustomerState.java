package io.segmenta.trainer.job;

import io.segmenta.assigner.profile.CustomerProfile;
import io.segmenta.assigner.profile.ProfileCodec;

import java.nio.ByteBuffer;

/**
 * The trainer's keyed state of one customer: the profile (the core's codec, the same bytes the assigner keeps) and
 * the segment the trainer last assigned at a window close, for drift change rates and member overlap.
 */
public final class TrainerCustomerState {

    public CustomerProfile profile;
    public int lastSegment;

    public TrainerCustomerState(CustomerProfile profile, int lastSegment) {
        this.profile = profile;
        this.lastSegment = lastSegment;
    }

    public byte[] encode() {
        byte[] p = ProfileCodec.encode(profile);
        return ByteBuffer.allocate(4 + p.length).putInt(lastSegment).put(p).array();
    }

    public static TrainerCustomerState decode(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int last = buffer.getInt();
        byte[] p = new byte[buffer.remaining()];
        buffer.get(p);
        return new TrainerCustomerState(ProfileCodec.decode(p), last);
    }
}
