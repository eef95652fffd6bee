package io.segmenta.streams.state;

import io.segmenta.avro.ChangeCause;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A customer's latest segment transitions, oldest first: what {@code GET /customers/{id}/history} lists and what
 * {@code ?at=} answers from. Bounded ({@code segmenta.assign.history-size}): an append past the capacity drops the
 * oldest transition and marks the history {@link #truncated}, so that a question about a time before the oldest kept
 * transition is answered "not known" rather than "no segment".
 *
 * @param transitions oldest first, their times never decreasing
 * @param truncated   whether older transitions were dropped
 */
public record SegmentHistory(List<Transition> transitions, boolean truncated) {

    public static final SegmentHistory EMPTY = new SegmentHistory(List.of(), false);

    /**
     * One change of the customer's segment.
     *
     * @param atMillis      when it took effect, in event time: the event's time for {@code EVENT}; for
     *                      {@code MODEL_UPDATE} the time the model took over (the start of its validity when the events
     *                      reached it, the task's stream time when it arrived later), or the customer's latest event
     *                      if that is later
     * @param fromSegmentId the segment before, {@link io.segmenta.assigner.scoring.Assignment#NO_SEGMENT} for the
     *                      first
     */
    public record Transition(long atMillis, int fromSegmentId, int segmentId, String label, long modelVersion,
                             ChangeCause cause) {
        public Transition {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(cause, "cause");
        }
    }

    /** What the history says about one instant. */
    public sealed interface HeldAt {
        /** The customer was in the transition's segment then. */
        record Segment(Transition since) implements HeldAt {
        }

        /** The customer had no segment then: the history is complete and starts later. */
        record NoSegment() implements HeldAt {
        }

        /** Before the oldest kept transition of a truncated history. */
        record NotKept(long oldestKeptMillis) implements HeldAt {
        }
    }

    public SegmentHistory {
        transitions = List.copyOf(transitions);
        for (int i = 1; i < transitions.size(); i++) {
            if (transitions.get(i).atMillis() < transitions.get(i - 1).atMillis()) {
                throw new IllegalArgumentException("transitions out of time order at " + i);
            }
        }
    }

    /**
     * The history with {@code next} appended, its time raised to the latest kept one if earlier (an out-of-order
     * event cannot move a transition before the one it follows), and the oldest dropped beyond {@code capacity}.
     */
    public SegmentHistory append(Transition next, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        Transition t = next;
        if (!transitions.isEmpty() && next.atMillis() < latest().atMillis()) {
            t = new Transition(latest().atMillis(), next.fromSegmentId(), next.segmentId(), next.label(),
                    next.modelVersion(), next.cause());
        }
        List<Transition> kept = new ArrayList<>(transitions.size() + 1);
        kept.addAll(transitions);
        kept.add(t);
        boolean dropped = false;
        while (kept.size() > capacity) { // a capacity lowered since may drop several
            kept.removeFirst();
            dropped = true;
        }
        return new SegmentHistory(kept, truncated || dropped);
    }

    /** The segment held at {@code millis}: that of the latest transition at or before it. */
    public HeldAt at(long millis) {
        for (int i = transitions.size() - 1; i >= 0; i--) {
            if (transitions.get(i).atMillis() <= millis) {
                return new HeldAt.Segment(transitions.get(i));
            }
        }
        return truncated ? new HeldAt.NotKept(transitions.getFirst().atMillis()) : new HeldAt.NoSegment();
    }

    public boolean isEmpty() {
        return transitions.isEmpty();
    }

    private Transition latest() {
        return transitions.getLast();
    }
}
