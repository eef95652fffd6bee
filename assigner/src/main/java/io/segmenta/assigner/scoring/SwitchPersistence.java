package io.segmenta.assigner.scoring;

/**
 * Persistence in time beside the {@link SwitchMargin}'s hysteresis in space: a customer's own events move her to
 * another segment only when that segment has won (past the margin) at {@code events} consecutive scorings of her
 * events. A purchase that tips a customer near a boundary across it, and the next one that tips her back, then
 * change nothing, while a customer whose behaviour really changed keeps winning the new segment and moves one event
 * later. The count is the customer's state ({@link #next}), so a replay of her events decides the same.
 *
 * <p>Only events count as evidence: a refit's re-score keeps the count and does not move a customer to the segment
 * her events chose before they have chosen it often enough; a segment that died or merged moves its customers at
 * once ({@link #decide}).
 *
 * <p>A move back to the segment the customer has just left (A, B, A within {@code reversalWindowMillis} of her own
 * event time since she entered B) is what flapping looks like, and what a customer whose behaviour changed rarely
 * does: it needs {@code reversalEvents} consecutive wins instead.
 *
 * @param events               consecutive wins an event needs to move a customer; 1 = the first win moves her (no
 *                             persistence)
 * @param reversalEvents       consecutive wins a move back to the segment she just left needs (at least
 *                             {@code events})
 * @param reversalWindowMillis how long after entering a segment a move back counts as a reversal; 0 = never
 */
public record SwitchPersistence(int events, int reversalEvents, long reversalWindowMillis) {

    /** The first win moves the customer. */
    public static final SwitchPersistence NONE = new SwitchPersistence(1);
    /** A bound on the setting and on the stored count; more would mean "never move", which is not persistence. */
    public static final int MAX_EVENTS = 100;

    public SwitchPersistence {
        if (events < 1 || events > MAX_EVENTS) {
            throw new IllegalArgumentException("events must be in [1, " + MAX_EVENTS + "], was " + events);
        }
        if (reversalEvents < events || reversalEvents > MAX_EVENTS) {
            throw new IllegalArgumentException("reversalEvents must be in [events=" + events + ", " + MAX_EVENTS
                    + "], was " + reversalEvents);
        }
        if (reversalWindowMillis < 0) {
            throw new IllegalArgumentException("reversalWindowMillis must not be negative, was " + reversalWindowMillis);
        }
    }

    /** No stricter rule for reversals. */
    public SwitchPersistence(int events) {
        this(events, events, 0);
    }

    /**
     * Whether moving to {@code winner} would take the customer back to the segment she left ({@code left}) within
     * the reversal window of her entering the current one ({@code sinceMillis}), at her event time {@code atMillis}.
     */
    public boolean isReversal(int winner, int left, long sinceMillis, long atMillis) {
        return reversalWindowMillis > 0 && left != Assignment.NO_SEGMENT && winner == left
                && atMillis - sinceMillis < reversalWindowMillis;
    }

    /**
     * The count of consecutive wins after one more scoring of an event.
     *
     * @param current      the customer's segment
     * @param winner       the segment this scoring chose, margin applied ({@code current} when it held her)
     * @param pending      the segment of the wins counted so far ({@link Assignment#NO_SEGMENT} if none)
     * @param pendingCount how many consecutive wins {@code pending} has
     * @return 0 when {@code winner} is the current segment, else {@code winner}'s consecutive wins including this one
     */
    public int next(int current, int winner, int pending, int pendingCount) {
        if (winner == current) {
            return 0;
        }
        return winner == pending ? Math.min(pendingCount, MAX_EVENTS - 1) + 1 : 1;
    }

    /** Whether {@code wins} consecutive wins move the customer. */
    public boolean moves(int wins) {
        return wins >= events;
    }

    /** Whether {@code wins} consecutive wins move the customer, a move back to the segment she just left or not. */
    public boolean moves(int wins, boolean reversal) {
        return wins >= (reversal ? reversalEvents : events);
    }

    /**
     * What to do after a scoring chose {@code winner} (margin applied) for a customer in {@code current}: hold her
     * there or let her go, and the wins to remember.
     *
     * @param currentInModel whether the scoring model still has her segment (a dead segment holds nobody)
     * @param byEvent        the scoring followed one of her events; otherwise a refit re-scored her, which is no
     *                       evidence about her: it keeps the wins her events counted, and the segment they are for does
     *                       not take her before her events have chosen it often enough
     */
    public Decision decide(int current, boolean currentInModel, int winner, int pending, int pendingWins,
                           boolean byEvent) {
        return decide(current, currentInModel, winner, pending, pendingWins, byEvent, false);
    }

    /** @param reversal {@code winner} is the segment she just left ({@link #isReversal}): more wins are needed */
    public Decision decide(int current, boolean currentInModel, int winner, int pending, int pendingWins,
                           boolean byEvent, boolean reversal) {
        if (current == Assignment.NO_SEGMENT || !currentInModel) {
            return Decision.FOLLOW;
        }
        if (byEvent) {
            int wins = next(current, winner, pending, pendingWins);
            return wins == 0 || moves(wins, reversal) ? Decision.FOLLOW : new Decision(true, winner, wins);
        }
        if (pendingWins > 0 && (winner == current || winner == pending)) {
            return new Decision(winner != current, pending, pendingWins);
        }
        return Decision.FOLLOW;
    }

    /**
     * @param hold           keep the customer in her current segment although the scoring chose another
     * @param pendingSegment the segment whose wins are remembered, {@link Assignment#NO_SEGMENT} if none
     * @param pendingWins    its consecutive wins; 0 if none
     */
    public record Decision(boolean hold, int pendingSegment, int pendingWins) {

        /** Take what the scoring chose; nothing pending. */
        public static final Decision FOLLOW = new Decision(false, Assignment.NO_SEGMENT, 0);
    }
}
