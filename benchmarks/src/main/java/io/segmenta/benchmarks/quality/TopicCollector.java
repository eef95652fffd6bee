package io.segmenta.benchmarks.quality;

import io.segmenta.avro.SegmentAssignment;
import io.segmenta.avro.SegmentChange;
import io.segmenta.avro.SegmentModel;
import io.segmenta.schemas.TopicNames;
import io.segmenta.schemas.registry.SchemaRegistry;
import io.segmenta.schemas.serde.AvroDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads the pipeline's outputs from the first record on, for the whole run, as a downstream consumer would
 * (read_committed). It runs from the start rather than once at the end because {@code segment-models} and
 * {@code segment-assignments} are compacted: after a long run only the latest version per key would be left, and
 * the benchmark needs every model version and every customer's whole segment timeline. Models are read from
 * {@code segment-model-history} too (kept in full), and merged by version.
 */
final class TopicCollector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicCollector.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final AvroDeserializer<SegmentModel> models;
    private final AvroDeserializer<SegmentChange> changes;
    private final AvroDeserializer<SegmentAssignment> assignments;
    private final Map<Long, SegmentModel> modelsByVersion = new TreeMap<>();
    private final List<ChangeRecord> changeRecords = new ArrayList<>();
    private final List<AssignmentRecord> assignmentRecords = new ArrayList<>();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong unreadable = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    TopicCollector(String bootstrapServers, SchemaRegistry registry) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "segmenta-quality-benchmark-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.models = new AvroDeserializer<>(registry, SegmentModel.class);
        this.changes = new AvroDeserializer<>(registry, SegmentChange.class);
        this.assignments = new AvroDeserializer<>(registry, SegmentAssignment.class);
        consumer.subscribe(List.of(TopicNames.SEGMENT_MODELS, TopicNames.SEGMENT_MODEL_HISTORY,
                TopicNames.SEGMENT_CHANGES, TopicNames.SEGMENT_ASSIGNMENTS));
        this.thread = new Thread(this::run, "quality-collector");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    records.incrementAndGet();
                    if (r.value() == null) {
                        continue;
                    }
                    try {
                        keep(r);
                    } catch (RuntimeException e) {
                        if (unreadable.getAndIncrement() == 0) {
                            LOG.warn("Cannot read {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.toString());
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Collector stopped: {}", e.toString(), e);
        } finally {
            consumer.close();
        }
    }

    private void keep(ConsumerRecord<byte[], byte[]> r) {
        switch (r.topic()) {
            case TopicNames.SEGMENT_MODELS, TopicNames.SEGMENT_MODEL_HISTORY -> {
                SegmentModel m = models.deserialize(r.topic(), r.value());
                synchronized (this) {
                    modelsByVersion.putIfAbsent(m.getVersion(), m);
                }
            }
            case TopicNames.SEGMENT_CHANGES -> {
                ChangeRecord c = ChangeRecord.of(changes.deserialize(r.topic(), r.value()));
                synchronized (this) {
                    changeRecords.add(c);
                }
            }
            case TopicNames.SEGMENT_ASSIGNMENTS -> {
                AssignmentRecord a = AssignmentRecord.of(assignments.deserialize(r.topic(), r.value()));
                synchronized (this) {
                    assignmentRecords.add(a);
                }
            }
            default -> {
            }
        }
    }

    /** Records read so far on all topics: the activity the end of a run is detected by. */
    long records() {
        return records.get();
    }

    long unreadable() {
        return unreadable.get();
    }

    synchronized int modelCount() {
        return modelsByVersion.size();
    }

    synchronized List<SegmentModel> models() {
        return modelsByVersion.values().stream().sorted(Comparator.comparingLong(SegmentModel::getVersion)).toList();
    }

    synchronized List<ChangeRecord> changes() {
        return List.copyOf(changeRecords);
    }

    synchronized List<AssignmentRecord> assignments() {
        return List.copyOf(assignmentRecords);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
