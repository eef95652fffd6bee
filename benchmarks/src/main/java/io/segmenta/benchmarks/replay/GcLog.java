package io.segmenta.benchmarks.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap of a child JVM over its whole run, read from its {@code -Xlog:gc} file: the peak heap after a collection
 * (what the run kept alive: the figure that must stay bounded as the events grow) and the peak before one (how
 * full the heap got). Sampling from outside would miss the peaks; the GC log has every collection.
 *
 * @param peakAfterMb  the largest heap occupancy right after a pause, MB
 * @param peakBeforeMb the largest heap occupancy right before a pause, MB
 * @param pauses       the pauses read
 */
record GcLog(double peakAfterMb, double peakBeforeMb, int pauses) {

    /** The JVM option that writes the file this class reads. */
    static String option(Path file) {
        return "-Xlog:gc:file=" + file;
    }

    /** e.g. {@code [1.2s][info][gc] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 120M->30M(256M) 3.4ms} */
    private static final Pattern PAUSE = Pattern.compile("Pause.* (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    static GcLog read(Path file) throws IOException {
        return parse(Files.exists(file) ? Files.readAllLines(file) : List.of());
    }

    static GcLog parse(List<String> lines) {
        double after = 0;
        double before = 0;
        int pauses = 0;
        for (String line : lines) {
            Matcher m = PAUSE.matcher(line);
            if (m.find()) {
                pauses++;
                before = Math.max(before, mb(m.group(1), m.group(2)));
                after = Math.max(after, mb(m.group(3), m.group(4)));
            }
        }
        return new GcLog(after, before, pauses);
    }

    private static double mb(String value, String unit) {
        double v = Double.parseDouble(value);
        return switch (unit) {
            case "K" -> v / 1024;
            case "G" -> v * 1024;
            default -> v;
        };
    }

    /** "34 MB after GC (peak 210 MB, 12 pauses), -Xmx1g", or a dash when the run made no collection. */
    String describe(String xmx) {
        if (pauses == 0) {
            return "no GC pause (-Xmx" + xmx + ")";
        }
        return String.format(Locale.ROOT, "%.0f MB after GC (before GC %.0f MB, %d pauses), -Xmx%s", peakAfterMb,
                peakBeforeMb, pauses, xmx);
    }
}
