package io.segmenta.streams.processor;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventScopeTest {

    static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-04-01T00:00:00Z");

    @Test
    void aRangeAdmitsItsStartAndNotItsEnd() {
        EventScope scope = new EventScope(FROM, TO, Set.of(), Map.of());

        assertThat(scope.admits("a", FROM.toEpochMilli())).isTrue();
        assertThat(scope.admits("a", TO.toEpochMilli() - 1)).isTrue();
        assertThat(scope.admits("a", TO.toEpochMilli())).isFalse();
        assertThat(scope.admits("a", FROM.toEpochMilli() - 1)).isFalse();
    }

    @Test
    void aCustomerListAdmitsOnlyThoseCustomers() {
        EventScope scope = new EventScope(null, null, Set.of("a"), Map.of());

        assertThat(scope.admits("a", 0)).isTrue();
        assertThat(scope.admits("b", 0)).isFalse();
    }

    @Test
    void recordsFromTheEndOffsetOnAndOfPartitionsItDoesNotKnowArePastTheEnd() {
        EventScope scope = new EventScope(null, null, Set.of(), Map.of(0, 10L));

        assertThat(scope.pastEnd(0, 9)).isFalse();
        assertThat(scope.pastEnd(0, 10)).isTrue();
        assertThat(scope.pastEnd(1, 0)).isTrue();
        assertThat(EventScope.ALL.pastEnd(5, Long.MAX_VALUE)).isFalse();
        assertThat(EventScope.ALL.isAll()).isTrue();
    }

    @Test
    void anEmptyRangeIsRefused() {
        assertThatThrownBy(() -> new EventScope(TO, FROM, Set.of(), Map.of())).hasMessageContaining("empty");
    }
}
