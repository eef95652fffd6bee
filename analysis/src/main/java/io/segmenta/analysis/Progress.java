package io.segmenta.analysis;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One line per stage on stderr ("analyze: [3/9] clustering: K-Means k=2..10 ... 1.2 s"), and the timings. */
public final class Progress {

    private final PrintStream out;
    private final int stages;
    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private final long started = System.nanoTime();
    private int stage;
    private String current;
    private long stageStart;

    public Progress(PrintStream out, int stages) {
        this.out = out;
        this.stages = stages;
    }

    /** A progress that prints nothing (tests, library use). */
    public static Progress silent() {
        return new Progress(null, 0);
    }

    public void start(String name) {
        finishCurrent();
        stage++;
        current = name;
        stageStart = System.nanoTime();
        if (out != null) {
            out.printf(Locale.ROOT, "analyze: [%d/%d] %s ...%n", stage, stages, name);
            out.flush();
        }
    }

    /** A detail line under the current stage. */
    public void detail(String text) {
        if (out != null) {
            out.println("analyze:        " + text);
            out.flush();
        }
    }

    public void finishCurrent() {
        if (current != null) {
            double s = (System.nanoTime() - stageStart) / 1e9;
            seconds.merge(current, s, Double::sum);
            current = null;
        }
    }

    /** Seconds per stage, in order. */
    public Map<String, Double> timings() {
        finishCurrent();
        return new LinkedHashMap<>(seconds);
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - started) / 1e9;
    }
}
