package io.segmenta.app.produce;

import io.segmenta.avro.CustomerEvent;
import io.segmenta.schemas.registry.SchemaRegistry;
import io.segmenta.schemas.serde.AvroSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Sends {@link CustomerEvent}s to a topic: key = customer id (string), value = Avro in the Confluent wire format,
 * through an idempotent producer with {@code acks=all}. The sending loop of {@code ./segment produce}, reusable by
 * the one-process demo:
 *
 * <pre>{@code
 * try (EventProducer producer = EventProducer.create(bootstrap, registry, "customer-events", Map.of())) {
 *     SendSummary summary = producer.send(population.events(), RateLimit.perSecond(5000), ProgressListener.NONE);
 * }
 * }</pre>
 *
 * Create the topic first and wait for its leaders ({@code KafkaTopics.createAndAwait}): an idempotent producer
 * writing to a partition that is not ready yet can lose records (KAFKA-15591). Events without a customer id are
 * skipped and counted. Record timestamps are the producer's wall clock, not the event time: event time travels in
 * the value (consumers read it from there), and months-old record timestamps would make the broker's time-based
 * retention delete the history as soon as a log segment rolls. A send fails ({@link SendFailedException}) at the first event the broker does not accept.
 * One send at a time; {@link #stop()} may be called from any thread.
 */
public final class EventProducer implements AutoCloseable {

    public static final String DEFAULT_TOPIC = "customer-events";
    public static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);

    private final Producer<String, CustomerEvent> producer;
    private final String topic;
    private final Duration progressInterval;
    private volatile boolean stopRequested;

    /** Wraps a producer (which this closes); the caller configures serializers, acks and idempotence. */
    public EventProducer(Producer<String, CustomerEvent> producer, String topic) {
        this(producer, topic, PROGRESS_INTERVAL);
    }

    EventProducer(Producer<String, CustomerEvent> producer, String topic, Duration progressInterval) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.progressInterval = progressInterval;
    }

    /**
     * A producer for {@code bootstrapServers} that writes Avro values through {@code registry}.
     *
     * @param extraProperties further Kafka producer properties (security, tuning); they override the defaults of
     *                        {@link #producerConfig} except acks and idempotence, which stay {@code all} and on
     */
    public static EventProducer create(String bootstrapServers, SchemaRegistry registry, String topic,
                                       Map<String, ?> extraProperties) {
        Map<String, Object> config = producerConfig(bootstrapServers, extraProperties);
        return new EventProducer(new KafkaProducer<>(config, new StringSerializer(),
                new AvroSerializer<>(registry, false)), topic);
    }

    /** The producer configuration {@link #create} uses. */
    public static Map<String, Object> producerConfig(String bootstrapServers, Map<String, ?> extraProperties) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "segmenta-produce");
        config.putAll(extraProperties);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return config;
    }

    public String topic() {
        return topic;
    }

    /** Sends every event of {@code events}, paced by {@code rate}; returns once all are acknowledged. */
    public SendSummary send(Iterator<? extends CustomerEvent> events, RateLimit rate, ProgressListener progress) {
        return send(events, rate, progress, Long.MAX_VALUE);
    }

    /** As {@link #send(Iterator, RateLimit, ProgressListener)}, stopping after {@code limit} events sent. */
    public SendSummary send(Iterator<? extends CustomerEvent> events, RateLimit rate, ProgressListener progress,
                            long limit) {
        Batch batch = begin(rate, progress);
        while (batch.sent() < limit && !stopRequested && events.hasNext()) {
            batch.accept(events.next());
        }
        return batch.finish();
    }

    /**
     * Starts a push-style send, for sources that call back (e.g. a file reader): hand each event to
     * {@link Batch#accept}, then call {@link Batch#finish()}.
     */
    public Batch begin(RateLimit rate, ProgressListener progress) {
        stopRequested = false;
        return new Batch(rate, progress);
    }

    /** Asks a running send to end after the event in progress; it still flushes what it has sent. */
    public void stop() {
        stopRequested = true;
    }

    public boolean stopRequested() {
        return stopRequested;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }

    /** One send in progress. Not thread-safe: feed it from one thread. */
    public final class Batch implements Consumer<CustomerEvent> {

        private final RateLimit rate;
        private final ProgressListener progress;
        private final long startNanos = System.nanoTime();
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private final AtomicLong acknowledged = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final long progressNanos = progressInterval.toNanos();
        private long nextProgress;
        private long handed;
        private long skipped;
        private long lastEventMillis = Long.MIN_VALUE;
        private boolean finished;

        private Batch(RateLimit rate, ProgressListener progress) {
            this.rate = Objects.requireNonNull(rate, "rate");
            this.progress = Objects.requireNonNull(progress, "progress");
            this.nextProgress = startNanos + progressNanos;
        }

        /**
         * Sends one event (after waiting for its turn under the rate limit); skips it without a customer id.
         * Ignored after {@link EventProducer#stop()}.
         *
         * @throws SendFailedException if an earlier event failed
         */
        @Override
        public void accept(CustomerEvent event) {
            if (finished) {
                throw new IllegalStateException("this send has finished");
            }
            throwIfFailed();
            if (stopRequested) {
                return;
            }
            String key = event.getCustomerId();
            if (key == null || key.isBlank()) {
                skipped++;
                return;
            }
            long wait = rate.delayNanos(handed, System.nanoTime() - startNanos);
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            producer.send(new ProducerRecord<>(topic, key, event),
                    (metadata, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                            failed.incrementAndGet();
                        } else {
                            acknowledged.incrementAndGet();
                        }
                    });
            handed++;
            lastEventMillis = Math.max(lastEventMillis, event.getEventTime().toEpochMilli());
            long now = System.nanoTime();
            if (now >= nextProgress) {
                nextProgress = now + progressNanos;
                progress.onProgress(summary(handed));
            }
        }

        /** Events handed to the producer so far. */
        public long sent() {
            return handed;
        }

        public long skipped() {
            return skipped;
        }

        /** Flushes and waits for every acknowledgement; returns the summary. */
        public SendSummary finish() {
            if (!finished) {
                finished = true;
                producer.flush();
                // flush() returns when the requests completed; their callbacks may still be running on the I/O thread
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (acknowledged.get() + failed.get() < handed && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(1_000_000);
                }
            }
            throwIfFailed();
            return summary(acknowledged.get());
        }

        private SendSummary summary(long sent) {
            return new SendSummary(sent, skipped, Duration.ofNanos(System.nanoTime() - startNanos),
                    lastEventMillis == Long.MIN_VALUE ? null : Instant.ofEpochMilli(lastEventMillis), stopRequested);
        }

        private void throwIfFailed() {
            Exception e = failure.get();
            if (e != null) {
                throw new SendFailedException("sending to topic " + topic + " failed: " + e.getMessage(), e);
            }
        }
    }
}
