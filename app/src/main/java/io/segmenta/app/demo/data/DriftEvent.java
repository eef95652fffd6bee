package io.segmenta.app.demo.data;

import java.time.Instant;

/**
 * A scheduled change of the population's behaviour, for the demo to announce and for tests to check against.
 *
 * @param at          event time at which it starts
 * @param kind        a segment's behaviour shifts, a segment is born, or one dies
 * @param segment     the segment concerned
 * @param description one line for humans
 */
public record DriftEvent(Instant at, Kind kind, LatentSegment segment, String description) {

    public enum Kind { SHIFT, BIRTH, DEATH }
}
