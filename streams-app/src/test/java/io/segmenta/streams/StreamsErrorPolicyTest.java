package io.segmenta.streams;

import io.segmenta.schemas.registry.SchemaRegistryUnavailableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

class StreamsErrorPolicyTest {

    final StreamsErrorPolicy policy = new StreamsErrorPolicy(Duration.ZERO);

    @Test
    void anUnreachableRegistryOrBrokerReplacesTheThread() {
        assertThat(policy.handle(new StreamsException(new SchemaRegistryUnavailableException("down", 503, null))))
                .isEqualTo(REPLACE_THREAD);
        assertThat(policy.handle(new StreamsException(new TimeoutException("broker")))).isEqualTo(REPLACE_THREAD);
    }

    @Test
    void anythingElseShutsTheClientDown() {
        assertThat(policy.handle(new StreamsException(new IllegalStateException("bug")))).isEqualTo(SHUTDOWN_CLIENT);
    }
}
