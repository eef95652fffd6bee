package io.segmenta.app.produce;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimitTest {

    @Test
    void pacesEventsEvenlyFromTheStart() {
        RateLimit rate = RateLimit.perSecond(100); // one per 10 ms
        assertThat(rate.delayNanos(0, 0)).isZero();
        assertThat(rate.delayNanos(10, 40_000_000)).isEqualTo(60_000_000);
        assertThat(rate.delayNanos(10, 150_000_000)).isZero(); // behind: catch up without waiting
    }

    @Test
    void zeroIsUnlimitedAndNegativeIsRejected() {
        assertThat(RateLimit.perSecond(0).isUnlimited()).isTrue();
        assertThat(RateLimit.unlimited().delayNanos(1_000_000, 0)).isZero();
        assertThatThrownBy(() -> RateLimit.perSecond(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RateLimit.perSecond(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
