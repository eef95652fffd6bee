package io.segmenta.streams.state;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskClockTest {

    @Test
    void versionAndStreamTimeRoundTrip() {
        byte[] bytes = TaskClock.encode(42, 1_767_225_600_000L);

        assertThat(bytes).hasSize(17);
        assertThat(TaskClock.decode(bytes)).isEqualTo(new TaskClock(42, 1_767_225_600_000L));
        assertThat(TaskClock.decode(TaskClock.encode(1, Long.MIN_VALUE)).streamTime()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void bytesOfAnotherFormatOrLengthAreRefusedWithTheReason() {
        byte[] other = TaskClock.encode(1, 2);
        other[0] = 9;

        assertThatThrownBy(() -> TaskClock.decode(other)).isInstanceOf(StateFormatException.class)
                .hasMessageContaining("format 9");
        assertThatThrownBy(() -> TaskClock.decode(new byte[3])).hasMessageContaining("got 3 bytes");
    }
}
