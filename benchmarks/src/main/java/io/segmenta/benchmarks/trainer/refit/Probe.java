package io.segmenta.benchmarks.trainer.refit;

import io.segmenta.trainer.events.OutboundRecord;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the job's tasks leave their timestamps (the MiniCluster runs in this JVM, so static fields are shared with the
 * harness): the generator's phases, every record reaching the sink, and the trainer's own log lines (the workers'
 * "Window ... closed on worker ..., N ms" and the reducer's "published"), each stamped with {@link System#nanoTime()}
 * when it was logged.
 */
final class Probe {

    /** One "Window ... closed on worker" line: when it was logged and the pass time it reports. */
    record Pass(long loggedNanos, String window, int worker, long customers, long events, long modelVersion, long passMs) {
        long startedNanos() {
            return loggedNanos - passMs * 1_000_000L;
        }
    }

    /** A record that reached the sink. */
    record Output(long nanos, String topic, byte[] value) {
    }

    /** Any other trainer log line, stamped. */
    record Line(long nanos, String logger, String message) {
    }

    static volatile long loadStarted;
    static volatile long mainStarted;
    static volatile long lastWindowEventEmitted;
    static volatile long firstCloserEmitted;
    static final List<Pass> PASSES = new CopyOnWriteArrayList<>();
    static final List<Output> OUTPUTS = new CopyOnWriteArrayList<>();
    static final List<Line> LINES = new CopyOnWriteArrayList<>();

    private static final Pattern CLOSED = Pattern.compile(
            "Window (\\S+) closed on worker (\\d+)/(\\d+): (\\d+) customers, (\\d+) events, model v(-?\\d+), (\\d+) ms");

    private Probe() {
    }

    static void reset() {
        loadStarted = 0;
        mainStarted = 0;
        lastWindowEventEmitted = 0;
        firstCloserEmitted = 0;
        PASSES.clear();
        OUTPUTS.clear();
        LINES.clear();
    }

    /** Blocks until {@code n} worker passes have been logged (or the time-out passes). */
    static void awaitPasses(int n, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (PASSES.size() < n && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        if (PASSES.size() < n) {
            System.out.printf(Locale.ROOT, "  (warning: only %d of %d warm-up passes seen)%n", PASSES.size(), n);
        }
    }

    static void progress(long done, long total) {
        System.out.printf(Locale.ROOT, "  emitted %,d / %,d events, %.1f s%n", done, total,
                (System.nanoTime() - mainStarted) / 1e9);
    }

    /** Sends the trainer job's INFO lines to {@link #PASSES} / {@link #LINES} (and still to the console). */
    static void captureTrainerLogs() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        AbstractAppender appender = new AbstractAppender("refit-probe", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                long now = System.nanoTime();
                String message = event.getMessage().getFormattedMessage();
                Matcher m = CLOSED.matcher(message);
                if (m.find()) {
                    PASSES.add(new Pass(now, m.group(1), Integer.parseInt(m.group(2)), Long.parseLong(m.group(4)),
                            Long.parseLong(m.group(5)), Long.parseLong(m.group(6)), Long.parseLong(m.group(7))));
                } else {
                    LINES.add(new Line(now, event.getLoggerName(), message));
                }
            }
        };
        appender.start();
        config.addAppender(appender);
        String name = "io.segmenta.trainer.job";
        LoggerConfig logger = config.getLoggerConfig(name);
        if (!logger.getName().equals(name)) {
            logger = new LoggerConfig(name, Level.INFO, true);
            config.addLogger(name, logger);
        }
        logger.setLevel(Level.INFO);
        logger.addAppender(appender, Level.INFO, null);
        ctx.updateLoggers();
    }

    /** The job's sink: stamps every record when it arrives. */
    static final class StampingSink implements Sink<OutboundRecord> {
        @Override
        public SinkWriter<OutboundRecord> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(OutboundRecord element, Context context) {
                    OUTPUTS.add(new Output(System.nanoTime(), element.topic, element.value));
                }

                @Override
                public void flush(boolean endOfInput) {
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
