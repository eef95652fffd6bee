package io.segmenta.streams;

import io.segmenta.schemas.registry.SchemaRegistryUnavailableException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * What a stream thread's uncaught exception does. Transient causes (an unreachable schema registry, Kafka's
 * retriable errors) replace the thread after a pause: its tasks resume from the last commit, so with exactly-once
 * nothing is lost or doubled. Anything else is a bug or corrupt state that a retry would only repeat, so the
 * client shuts down and {@code /ready} reports it. Records that are bad in themselves never get here: the
 * processor dead-letters them.
 */
public final class StreamsErrorPolicy implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsErrorPolicy.class);

    private final Duration pause;

    public StreamsErrorPolicy(Duration pauseBeforeReplacing) {
        this.pause = pauseBeforeReplacing;
    }

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        if (isTransient(exception)) {
            LOG.warn("Transient failure in a stream thread, replacing it in {}: {}", pause, exception.toString());
            try {
                Thread.sleep(pause.toMillis()); // do not spin against a registry or broker that is down
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        LOG.error("Fatal failure in a stream thread, shutting the assigner down", exception);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    /**
     * The broker lost or fenced the transactional producer's state (e.g. a partition written right after its
     * creation, KAFKA-15591, or a zombie): a new thread gets a new producer and resumes from the last commit.
     */
    private static boolean isProducerStateLoss(Throwable t) {
        return t instanceof org.apache.kafka.common.errors.OutOfOrderSequenceException
                || t instanceof org.apache.kafka.common.errors.UnknownProducerIdException
                || t instanceof org.apache.kafka.common.errors.InvalidProducerEpochException
                || t instanceof org.apache.kafka.common.errors.ProducerFencedException;
    }

    static boolean isTransient(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SchemaRegistryUnavailableException || t instanceof RetriableException
                    || isProducerStateLoss(t)) {
                return true;
            }
        }
        return false;
    }
}
