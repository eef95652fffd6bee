package io.segmenta.assigner.dedup;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecentEventsTest {

    @Test
    void whenFullTheOldestIsForgotten() {
        RecentEvents recent = new RecentEvents(3);
        for (long i = 1; i <= 4; i++) {
            recent.add(i, 100 * i);
        }

        assertThat(recent.size()).isEqualTo(3);
        assertThat(recent.contains(1)).isFalse();
        assertThat(recent.contains(4)).isTrue();
        assertThat(recent.hashAt(0)).isEqualTo(2);
    }

    @Test
    void aRingStartedSmallGrowsToItsCapacityKeepingTheOrder() {
        // given: room for 2 of a capacity of 50
        RecentEvents recent = new RecentEvents(50, 2);

        // when: 60 events arrive
        for (long i = 1; i <= 60; i++) {
            recent.add(i, 100 * i);
        }

        // then: the newest 50, oldest first, as if it had been allocated full
        assertThat(recent.size()).isEqualTo(50);
        assertThat(recent.capacity()).isEqualTo(50);
        assertThat(recent.hashAt(0)).isEqualTo(11);
        assertThat(recent.timeAt(49)).isEqualTo(6000);
        assertThat(recent.contains(10)).isFalse();
        RecentEvents full = new RecentEvents(50, 50);
        for (long i = 11; i <= 60; i++) {
            full.add(i, 100 * i);
        }
        assertThat(recent).isEqualTo(full);
    }

    @Test
    void forgetBeforeDropsOldEventsWhateverTheirArrivalOrder() {
        RecentEvents recent = new RecentEvents(8);
        recent.add(1, 500);
        recent.add(2, 100); // arrived late, older event time
        recent.add(3, 700);

        recent.forgetBefore(400);

        assertThat(recent.size()).isEqualTo(2);
        assertThat(recent.contains(2)).isFalse();
        assertThat(recent.hashAt(0)).isEqualTo(1);
        assertThat(recent.hashAt(1)).isEqualTo(3);
    }

    @Test
    void eventIdHashIsStableAndSpreadsSimilarIds() {
        assertThat(EventIdHash.of("evt-1")).isEqualTo(EventIdHash.of("evt-1"));
        assertThat(EventIdHash.of("evt-1")).isNotEqualTo(EventIdHash.of("evt-2"));
        // fixed by the code, not the JVM: stored hashes must stay valid across upgrades
        assertThat(EventIdHash.of("evt-1")).isEqualTo(-5725705908519018305L);
        assertThat(Long.bitCount(EventIdHash.of("evt-1") ^ EventIdHash.of("evt-2"))).isGreaterThan(16);
    }
}
