package io.segmenta.benchmarks.replay;

import io.segmenta.app.replay.ReplayComparison;
import io.segmenta.app.replay.ReplayRun;
import io.segmenta.schemas.TopicNames;
import io.segmenta.schemas.registry.SchemaRegistryConfig;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code segment replay} over all the events, as {@link io.segmenta.app.replay.ReplayCommand} runs it ({@link ReplayRun},
 * every event scored with the model history), in a JVM of its own so that its heap is bounded and logged. Prints
 * {@code REPLAY START <epoch ms>}, {@code REPLAY AT END <epoch ms>} once the replay has reached its end offsets, and
 * {@code REPLAY END <epoch ms>} after its clean-up and comparison.
 *
 * <p>At the end offsets it waits until the file {@code <hold>} exists: the replay removes its application state
 * (changelog included) as it ends, and the harness reads the mean size of the stored customer state from that
 * changelog first, to size the state floor like the end-to-end benchmark does. The wait is after the measured part.
 *
 * <p>Usage: {@code ReplayMain <bootstrap> <registry url> <prefix> <hold file> [key=value ...]}.
 */
public final class ReplayMain {

    private ReplayMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bootstrap.servers", args[0]);
        settings.put(SchemaRegistryConfig.URL, args[1]);
        String prefix = args[2];
        Path hold = Path.of(args[3]);
        for (int i = 4; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            settings.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        // the replay's progress stream is where it says it is done, before it closes and cleans up
        PrintStream progress = new PrintStream(new LineTap(System.out, line -> {
            if (line.contains("': done;")) {
                System.out.println("REPLAY AT END " + System.currentTimeMillis());
                awaitFile(hold, Duration.ofMinutes(3));
            }
        }), true, StandardCharsets.UTF_8);
        ReplayRun.Request request = new ReplayRun.Request(prefix,
                new ReplayRun.EventScopeRequest(null, null, Set.of(), 0), true, TopicNames.SEGMENT_ASSIGNMENTS,
                settings, Duration.ofSeconds(60), Duration.ofSeconds(5), null, false);
        System.out.println("REPLAY START " + System.currentTimeMillis());
        int exit = 0;
        try {
            ReplayComparison comparison = new ReplayRun(request, progress).run().comparison();
            System.out.println("REPLAY END " + System.currentTimeMillis());
            System.out.println(comparison.markdown("Replay '" + prefix + "' against " + TopicNames.SEGMENT_ASSIGNMENTS));
        } catch (Exception | Error e) {
            e.printStackTrace(System.out);
            exit = 1;
        }
        System.out.flush();
        // Kafka's and RocksDB's threads must not keep the JVM alive
        System.exit(exit);
    }

    private static void awaitFile(Path file, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!Files.exists(file) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Passes bytes through to {@code out} and hands each complete line to {@code onLine}. */
    private static final class LineTap extends OutputStream {
        private final PrintStream out;
        private final java.util.function.Consumer<String> onLine;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineTap(PrintStream out, java.util.function.Consumer<String> onLine) {
            this.out = out;
            this.onLine = onLine;
        }

        @Override
        public synchronized void write(int b) {
            out.write(b);
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                out.flush();
                onLine.accept(text);
            } else {
                line.write(b);
            }
        }

        @Override
        public void flush() {
            out.flush();
        }
    }
}
