package io.segmenta.benchmarks.assigner.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The small chores every broker harness shares: ports, log configurations, the machine's load, clean-up. */
public final class HarnessSupport {

    private HarnessSupport() {
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    /** The 1, 5 and 15 minute load averages ("n/a" off Linux): a shared machine's noise, printed with the figures. */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException e) {
            return "n/a";
        }
    }

    /**
     * Closes what a harness started, last started first (the apps before the broker), each once: the list is emptied,
     * so that the shutdown hook and the normal end do not both close them. A failure is printed, not thrown.
     */
    public static void closeInReverse(List<AutoCloseable> closeables) {
        List<AutoCloseable> all;
        synchronized (closeables) {
            all = new ArrayList<>(closeables);
            closeables.clear();
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                all.get(i).close();
            } catch (Exception e) {
                System.err.println("closing " + all.get(i) + ": " + e);
            }
        }
    }

    public static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort
        }
    }

    /** A log4j2 configuration: our classes at {@code segmentaLevel}, Kafka's at {@code kafkaLevel}, the rest WARN. */
    public static Path writeLogConfig(Path file, String segmentaLevel, String kafkaLevel) throws IOException {
        return writeLogConfig(file, segmentaLevel, kafkaLevel, List.of());
    }

    /** The same with more loggers at INFO (e.g. a Flink class whose state changes a harness reads). */
    public static Path writeLogConfig(Path file, String segmentaLevel, String kafkaLevel, List<String> infoLoggers)
            throws IOException {
        StringBuilder extra = new StringBuilder();
        for (String logger : infoLoggers) {
            extra.append("    <Logger name=\"").append(logger).append("\" level=\"INFO\"/>\n");
        }
        Files.writeString(file, """
                <?xml version="1.0" encoding="UTF-8"?>
                <Configuration status="ERROR">
                  <Appenders>
                    <Console name="out" target="SYSTEM_OUT">
                      <PatternLayout pattern="%d{HH:mm:ss.SSS} %-5level [%t] %c{1} - %msg%n"/>
                    </Console>
                  </Appenders>
                  <Loggers>
                    <Logger name="io.segmenta" level="SEGMENTA"/>
                    <Logger name="org.apache.kafka" level="KAFKA"/>
                    <Logger name="kafka" level="KAFKA"/>
                EXTRA    <Root level="WARN"><AppenderRef ref="out"/></Root>
                  </Loggers>
                </Configuration>
                """.replace("SEGMENTA", segmentaLevel).replace("KAFKA", kafkaLevel)
                .replace("EXTRA", extra.toString()), StandardCharsets.UTF_8);
        return file;
    }
}
