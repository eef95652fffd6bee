package io.segmenta.app.demo;

import io.segmenta.avro.SegmentModel;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/** The terminal view: one status line every few seconds, and a line for every model published. */
final class LiveView {

    private final PrintStream out;
    private final DemoMonitor monitor;
    private final LongSupplier progress;
    private final long expected;
    private final long started = System.nanoTime();
    private long lastEvents;
    private long lastChanges;
    private long lastTick = System.nanoTime();

    LiveView(PrintStream out, DemoMonitor monitor, LongSupplier progress, long expected) {
        this.out = out;
        this.monitor = monitor;
        this.progress = progress;
        this.expected = expected;
    }

    void model(SegmentModel model) {
        var q = model.getQuality();
        out.printf(Locale.ROOT, "  model v%d published: k=%d, silhouette %s, %s%n", model.getVersion(),
                model.getSegments().size(), q.getSilhouette() == null ? "n/a" : String.format(Locale.ROOT, "%.3f", q.getSilhouette()),
                model.getTags().getOrDefault("decision", ""));
        model.getSegments().forEach(s -> out.printf(Locale.ROOT, "      segment %d: %s (%d in training)%n",
                s.getSegmentId(), s.getLabel(), s.getSize()));
    }

    void tick() {
        long now = System.nanoTime();
        double seconds = Math.max(1e-3, (now - lastTick) / 1e9);
        long events = monitor.events.get();
        long changes = monitor.changes.get();
        double eventRate = (events - lastEvents) / seconds;
        double changeRate = (changes - lastChanges) / seconds;
        lastEvents = events;
        lastChanges = changes;
        lastTick = now;
        long sent = progress.getAsLong();
        String progress = expected > 0 ? bar(sent, expected) + " " : "";
        SegmentModel latest = monitor.models.isEmpty() ? null : monitor.models.get(monitor.models.size() - 1);
        out.printf(Locale.ROOT, "[%5.0fs] %sevents %,d (%,.0f/s) | model %s | customers assigned %,d | changes %,d (%,.0f/s) | DLQ %d%n",
                (now - started) / 1e9, progress, events, eventRate,
                latest == null ? "none yet" : "v" + latest.getVersion() + " k=" + latest.getSegments().size(),
                monitor.latestAssignments.size(), changes, changeRate, monitor.deadLetters.get());
        Map<String, Long> sizes = monitor.segmentSizes();
        if (!sizes.isEmpty()) {
            StringBuilder line = new StringBuilder("         sizes:");
            sizes.forEach((label, n) -> line.append(' ').append(label).append('=').append(n).append(';'));
            out.println(line);
        }
    }

    private static String bar(long done, long total) {
        int width = 20;
        int filled = (int) Math.min(width, width * done / Math.max(1, total));
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + String.format(Locale.ROOT, "] %3d%%",
                Math.min(100, 100 * done / Math.max(1, total)));
    }
}
