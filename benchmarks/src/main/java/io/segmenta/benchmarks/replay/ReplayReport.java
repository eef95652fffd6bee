package io.segmenta.benchmarks.replay;

import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's Markdown report: one row per run with its rates, its ratio to its pass-through and to the state
 * floor, the target and the verdict, then the conditions of the run (load, events, JVM) and the notes.
 */
final class ReplayReport {

    static final String TARGET = ">= state floor";

    /**
     * One measured run.
     *
     * @param passThroughName which pass-through {@code passThrough} is (Kafka Streams for the assigner, Flink for the
     *                        trainer when it was run)
     * @param floor           the state floor's rate; null while it is not measured
     * @param targeted        whether the target (at least the state floor) applies to this run
     */
    record Row(String measurement, Rate rate, String passThroughName, Rate passThrough, Rate floor, boolean targeted,
               String heap) {
    }

    private String title;
    private final List<String> conditions = new ArrayList<>();
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void title(String text) {
        title = text;
    }

    void condition(String text) {
        conditions.add(text);
    }

    void row(Row row) {
        rows.add(row);
    }

    void note(String text) {
        notes.add(text);
    }

    /** "met" or "MISSED" against the state floor, or why there is no verdict. */
    static String verdict(Rate rate, Rate floor) {
        if (floor == null) {
            return "no verdict (state floor not measured)";
        }
        Rate.Ratio r = rate.over(floor);
        return (r.reaches() ? "met" : "MISSED") + " (" + r.text() + " of the state floor)";
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        if (title != null) {
            out.append("# ").append(title).append("\n\n");
        }
        for (String c : conditions) {
            out.append("- ").append(c).append('\n');
        }
        out.append("\n| run | events/s steady | events/s whole run | vs pass-through | vs state floor | target "
                + "| verdict | heap |\n|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            Rate.Ratio toPass = r.rate().over(r.passThrough());
            Rate.Ratio toFloor = r.rate().over(r.floor());
            out.append("| ").append(String.join(" | ", r.measurement(), Rate.format(r.rate().steady()),
                    Rate.format(r.rate().whole()),
                    toPass == null ? "-" : toPass.text() + " (" + r.passThroughName() + ")",
                    toFloor == null ? "-" : toFloor.text(),
                    r.targeted() ? TARGET : "baseline",
                    r.targeted() ? verdict(r.rate(), r.floor()) : "",
                    r.heap())).append(" |\n");
        }
        out.append('\n');
        for (String n : notes) {
            out.append("- ").append(n).append('\n');
        }
        return out.toString();
    }
}
