package io.segmenta.assigner.dedup;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DedupPolicyTest {

    static final long HOUR = 3_600_000L;
    final DedupPolicy policy = new DedupPolicy(8, Duration.ofHours(2));

    @Test
    void aRememberedIdIsADuplicateAndChangesNothing() {
        RecentEvents recent = policy.newRecentEvents();

        assertThat(policy.admit(recent, "e1", 10 * HOUR, Long.MIN_VALUE)).isTrue();
        assertThat(policy.admit(recent, "e2", 10 * HOUR + 1, 10 * HOUR)).isTrue();
        assertThat(policy.admit(recent, "e1", 10 * HOUR, 10 * HOUR + 1)).isFalse();

        assertThat(recent.size()).isEqualTo(2);
        assertThat(recent.contains(EventIdHash.of("e1"))).isTrue();
    }

    @Test
    void idsOlderThanTheWindowBeforeTheLatestEventAreForgottenAndFoldedAgain() {
        RecentEvents recent = policy.newRecentEvents();
        policy.admit(recent, "old", 10 * HOUR, Long.MIN_VALUE);
        policy.admit(recent, "late-but-kept", 11 * HOUR, 10 * HOUR);

        // an event 3 h later moves the latest event time: "old" (3 h before) falls out, "late-but-kept" (2 h) stays
        assertThat(policy.admit(recent, "new", 13 * HOUR, 11 * HOUR)).isTrue();

        assertThat(recent.contains(EventIdHash.of("old"))).isFalse();
        assertThat(recent.contains(EventIdHash.of("late-but-kept"))).isTrue();
        assertThat(policy.admit(recent, "old", 10 * HOUR, 13 * HOUR)).as("a replay beyond the window is new again").isTrue();
    }

    @Test
    void theLatestEventTimeBeforeTheEventCountsWhenTheEventIsLate() {
        RecentEvents recent = policy.newRecentEvents();
        policy.admit(recent, "a", 20 * HOUR, Long.MIN_VALUE);

        // a late event whose time is beyond the window before the customer's latest one is admitted but not kept
        assertThat(policy.admit(recent, "very-late", 17 * HOUR, 20 * HOUR)).isTrue();

        assertThat(recent.contains(EventIdHash.of("very-late"))).isFalse();
        assertThat(recent.contains(EventIdHash.of("a"))).isTrue();
    }

    @Test
    void defaultsAndLimits() {
        assertThat(DedupPolicy.DEFAULTS.capacity()).isEqualTo(64);
        assertThat(DedupPolicy.DEFAULTS.window()).isEqualTo(Duration.ofHours(24));
        assertThat(DedupPolicy.DEFAULTS.newRecentEvents().capacity()).isEqualTo(64);
        assertThatThrownBy(() -> new DedupPolicy(0, Duration.ofHours(1))).hasMessageContaining("1..4096");
        assertThatThrownBy(() -> new DedupPolicy(4097, Duration.ofHours(1))).hasMessageContaining("1..4096");
        assertThatThrownBy(() -> new DedupPolicy(8, Duration.ZERO)).hasMessageContaining("positive");
    }
}
