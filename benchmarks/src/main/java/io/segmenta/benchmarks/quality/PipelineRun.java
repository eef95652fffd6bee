package io.segmenta.benchmarks.quality;

import io.segmenta.app.demo.DemoFeed;
import io.segmenta.app.demo.DemoOptions;
import io.segmenta.app.demo.DemoRuntime;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.schemas.registry.InMemorySchemaRegistry;
import io.segmenta.schemas.registry.RestSchemaRegistryClient;
import io.segmenta.schemas.registry.SchemaRegistryConfig;
import io.segmenta.schemas.registry.SchemaRegistryHttpServer;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * One run of the real pipeline ({@link DemoRuntime}: embedded broker, trainer on a Flink MiniCluster, Kafka Streams
 * assigner) on a feed, until the feed is sent and the outputs settle, as {@code ./segment demo} does. The benchmark
 * starts the schema registry and picks the broker port itself, so that it can read the topics without changes to
 * {@code DemoRuntime}; the events are recorded as they are sent, so the window profiles are rebuilt from exactly
 * what the pipeline saw.
 */
final class PipelineRun {

    private final QualityOptions options;
    private final PrintStream log;

    PipelineRun(QualityOptions options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    RunData run(DemoFeed feed, String k) throws Exception {
        List<CustomerEvent> sent = Collections.synchronizedList(new ArrayList<>());
        DemoFeed recorded = new DemoFeed(feed.description(), sink -> feed.source().forEach(e -> {
            sent.add(e);
            sink.accept(e);
        }), feed.done(), feed.total(), feed.truth());
        Path dataDir = Files.createTempDirectory("segmenta-quality");
        int kafkaPort = freePort();
        long started = System.nanoTime();
        try (SchemaRegistryHttpServer registryServer = SchemaRegistryHttpServer.start(new InMemorySchemaRegistry(),
                "127.0.0.1", 0)) {
            String registryUrl = registryServer.url().toString();
            DemoOptions demo = new DemoOptions(options.data(), options.mapping(), options.speed(), null,
                    options.customers(), options.days(), options.seed(), registryUrl, kafkaPort, dataDir, 0,
                    options.window(), k, null, options.trainerSettings(),
                    options.assignerSettings());
            try (DemoRuntime runtime = new DemoRuntime(demo, log).start();
                 TopicCollector collector = new TopicCollector("localhost:" + kafkaPort,
                         new RestSchemaRegistryClient(SchemaRegistryConfig.of(registryUrl)))) {
                Thread feeder = new Thread(() -> {
                    try {
                        runtime.feed(recorded);
                        log.println("  all " + runtime.produced() + " events sent");
                    } catch (Exception e) {
                        log.println("  feeding failed: " + e);
                    }
                }, "quality-feeder");
                feeder.start();
                awaitEnd(runtime, collector, started);
                feeder.interrupt();
                feeder.join(10_000);
                List<CustomerEvent> events;
                synchronized (sent) {
                    events = new ArrayList<>(sent);
                }
                // a stable sort: equal times keep the order they were sent in
                events.sort(Comparator.comparing(CustomerEvent::getEventTime));
                return new RunData(feed.description(), events, collector.models(), collector.changes(),
                        collector.assignments(), runtime.produced(), (System.nanoTime() - started) / 1e9,
                        collector.unreadable());
            }
        }
    }

    /**
     * Until the feed is done and nothing new came out for the settle time (the demo's rule), or the time limit. The
     * settle time must cover a refit: the last window's model comes after a quiet spell of fitting.
     */
    private void awaitEnd(DemoRuntime runtime, TopicCollector collector, long started) throws InterruptedException {
        long deadline = started + options.maxDuration().toNanos();
        long lastActivity = System.nanoTime();
        long lastSeen = -1;
        long lastPrint = 0;
        while (true) {
            Thread.sleep(2_000);
            long activity = runtime.produced() + collector.records();
            long now = System.nanoTime();
            if (activity != lastSeen) {
                lastSeen = activity;
                lastActivity = now;
            }
            if (now - lastPrint > Duration.ofSeconds(30).toNanos()) {
                lastPrint = now;
                log.printf(Locale.ROOT, "  [%4.0fs] events sent %,d, models %d, output records read %,d%n",
                        (now - started) / 1e9, runtime.produced(), collector.modelCount(), collector.records());
            }
            if (now >= deadline) {
                log.println("  stopping at the time limit " + options.maxDuration() + " (outputs had not settled)");
                return;
            }
            if (!runtime.feeding() && runtime.produced() > 0 && now - lastActivity > options.settle().toNanos()) {
                return;
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
