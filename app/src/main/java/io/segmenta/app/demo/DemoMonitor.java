package io.segmenta.app.demo;

import io.segmenta.avro.ChangeCause;
import io.segmenta.avro.SegmentAssignment;
import io.segmenta.avro.SegmentChange;
import io.segmenta.avro.SegmentModel;
import io.segmenta.schemas.registry.SchemaRegistry;
import io.segmenta.schemas.serde.AvroDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Watches the outputs as any downstream consumer would (read_committed, from the beginning): counts per topic,
 * the models published, and every customer's latest assignment, for the live view and the summary.
 */
final class DemoMonitor implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DemoMonitor.class);

    final AtomicLong events = new AtomicLong();
    final AtomicLong changes = new AtomicLong();
    final AtomicLong assignmentRecords = new AtomicLong();
    final AtomicLong deadLetters = new AtomicLong();
    final AtomicLong driftReports = new AtomicLong();
    final AtomicLong unreadable = new AtomicLong();
    final List<SegmentModel> models = new CopyOnWriteArrayList<>();
    final Map<String, SegmentAssignment> latestAssignments = new ConcurrentHashMap<>();
    /** MODEL_UPDATE moves by the model version that caused them. */
    final Map<Long, Long> modelUpdateMoves = new ConcurrentHashMap<>();
    /** Moves between segments, first assignments aside. */
    final AtomicLong moves = new AtomicLong();
    final AtomicLong firstChangeMillis = new AtomicLong(Long.MAX_VALUE);
    final AtomicLong lastChangeMillis = new AtomicLong(Long.MIN_VALUE);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final AvroDeserializer<SegmentModel> modelReader;
    private final AvroDeserializer<SegmentAssignment> assignmentReader;
    private final AvroDeserializer<SegmentChange> changeReader;
    private final Consumer<SegmentModel> onModel;
    private final Thread thread;
    private volatile boolean running = true;

    DemoMonitor(String bootstrap, SchemaRegistry registry, Consumer<SegmentModel> onModel) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "segmenta-demo-monitor-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.modelReader = new AvroDeserializer<>(registry, SegmentModel.class);
        this.assignmentReader = new AvroDeserializer<>(registry, SegmentAssignment.class);
        this.changeReader = new AvroDeserializer<>(registry, SegmentChange.class);
        this.onModel = onModel;
        consumer.subscribe(List.of(DemoTopics.EVENTS, DemoTopics.MODELS, DemoTopics.ASSIGNMENTS, DemoTopics.CHANGES,
                DemoTopics.DLQ, DemoTopics.DRIFT));
        this.thread = new Thread(this::run, "demo-monitor");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        count(r);
                    } catch (RuntimeException e) {
                        unreadable.incrementAndGet();
                        LOG.warn("Monitor cannot read {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.toString());
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Demo monitor stopped: {}", e.toString(), e);
        } finally {
            consumer.close();
        }
    }

    private void count(ConsumerRecord<byte[], byte[]> r) {
                switch (r.topic()) {
                    case DemoTopics.EVENTS -> events.incrementAndGet();
                    case DemoTopics.CHANGES -> {
                        changes.incrementAndGet();
                        if (r.value() != null) {
                            change(changeReader.deserialize(r.topic(), r.value()));
                        }
                    }
                    case DemoTopics.DLQ -> deadLetters.incrementAndGet();
                    case DemoTopics.DRIFT -> driftReports.incrementAndGet();
                    case DemoTopics.MODELS -> {
                        if (r.value() != null) {
                            SegmentModel model = modelReader.deserialize(r.topic(), r.value());
                            models.add(model);
                            onModel.accept(model);
                        }
                    }
                    case DemoTopics.ASSIGNMENTS -> {
                        assignmentRecords.incrementAndGet();
                        if (r.value() != null) {
                            SegmentAssignment a = assignmentReader.deserialize(r.topic(), r.value());
                            latestAssignments.put(a.getCustomerId(), a);
                        }
                    }
                    default -> {
                    }
                }
    }

    private void change(SegmentChange c) {
        long at = c.getEventTime().toEpochMilli();
        firstChangeMillis.accumulateAndGet(at, Math::min);
        lastChangeMillis.accumulateAndGet(at, Math::max);
        if (c.getPreviousSegmentId() == null) {
            return; // a first assignment, not a change of segment
        }
        moves.incrementAndGet();
        if (c.getCause() == ChangeCause.MODEL_UPDATE) {
            modelUpdateMoves.merge(c.getModelVersion(), 1L, Long::sum);
        }
    }

    /** The stability figures so far, over the customers assigned. */
    StabilityFigures stability() {
        long span = lastChangeMillis.get() > firstChangeMillis.get() ? lastChangeMillis.get() - firstChangeMillis.get()
                : 0;
        return StabilityFigures.of(List.copyOf(models), Map.copyOf(modelUpdateMoves), moves.get(),
                latestAssignments.size(), span);
    }

    /** Customers per segment label, from the latest assignments. */
    Map<String, Long> segmentSizes() {
        Map<String, Long> sizes = new java.util.TreeMap<>();
        latestAssignments.values().forEach(a -> sizes.merge(a.getLabel(), 1L, Long::sum));
        return sizes;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
