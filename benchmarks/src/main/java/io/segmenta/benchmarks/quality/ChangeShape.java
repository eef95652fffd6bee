package io.segmenta.benchmarks.quality;

/**
 * What the moves between segments look like, to tell flapping from settling.
 *
 * @param moves                  moves between segments (first assignments are not moves), any cause
 * @param reversals              moves whose customer's next move goes back to the segment she left (A, B, A)
 * @param medianDaysToReversal   event-time days from a reversed move to the move back, median; NaN without any
 * @param movesWhileNew          moves within the customer's first 30 days (from her first event): a profile that is
 *                               still settling
 */
public record ChangeShape(long moves, long reversals, double medianDaysToReversal, long movesWhileNew) {

    public double reversalShare() {
        return moves == 0 ? Double.NaN : reversals / (double) moves;
    }

    public double whileNewShare() {
        return moves == 0 ? Double.NaN : movesWhileNew / (double) moves;
    }
}
