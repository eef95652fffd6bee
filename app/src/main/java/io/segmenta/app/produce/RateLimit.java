package io.segmenta.app.produce;

/**
 * How fast to send: a steady number of events per second (paced from the start of the run, so short stalls are
 * caught up), or as fast as possible. Immutable.
 */
public final class RateLimit {

    private static final RateLimit UNLIMITED = new RateLimit(0);

    private final double eventsPerSecond;
    private final double nanosPerEvent;

    private RateLimit(double eventsPerSecond) {
        this.eventsPerSecond = eventsPerSecond;
        this.nanosPerEvent = eventsPerSecond > 0 ? 1e9 / eventsPerSecond : 0;
    }

    /** As fast as possible. */
    public static RateLimit unlimited() {
        return UNLIMITED;
    }

    /** {@code eventsPerSecond} events per second; 0 means unlimited. */
    public static RateLimit perSecond(double eventsPerSecond) {
        if (!(eventsPerSecond >= 0) || Double.isInfinite(eventsPerSecond)) {
            throw new IllegalArgumentException("rate must be a finite number of events per second >= 0, was "
                    + eventsPerSecond);
        }
        return eventsPerSecond == 0 ? UNLIMITED : new RateLimit(eventsPerSecond);
    }

    public boolean isUnlimited() {
        return eventsPerSecond == 0;
    }

    /** Events per second; 0 when unlimited. */
    public double eventsPerSecond() {
        return eventsPerSecond;
    }

    /** How long to wait before sending event number {@code sent} (0-based) when {@code elapsedNanos} have passed. */
    public long delayNanos(long sent, long elapsedNanos) {
        if (isUnlimited()) {
            return 0;
        }
        double due = sent * nanosPerEvent;
        return due > elapsedNanos ? (long) (due - elapsedNanos) : 0;
    }

    @Override
    public String toString() {
        return isUnlimited() ? "unlimited" : eventsPerSecond + " events/s";
    }
}
