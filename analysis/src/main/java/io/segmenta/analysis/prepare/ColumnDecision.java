package io.segmenta.analysis.prepare;

/** Whether a column takes part in the clustering, and why (always stated, for the report). */
public record ColumnDecision(String column, boolean kept, String reason) {

    public static ColumnDecision keep(String column, String reason) {
        return new ColumnDecision(column, true, reason);
    }

    public static ColumnDecision drop(String column, String reason) {
        return new ColumnDecision(column, false, reason);
    }
}
