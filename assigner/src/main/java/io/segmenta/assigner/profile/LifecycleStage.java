package io.segmenta.assigner.profile;

/**
 * Where a customer is in their lifecycle at a point in time, beside their segment: the segment says how a customer
 * behaves when active (profiles are read at the customer's last event), the stage says whether they still are. Kept
 * apart because a segment change is an action for consumers, and a customer going quiet is not a new behaviour.
 *
 * <p>From days in the customer's own time, with the same defaults as the trainer's label words
 * ({@code segmenta.label.new-days} 30, {@code segmenta.label.lapsed-days} 90): {@link #NEW} while the first event is
 * under {@code newDays} old, then {@link #LAPSED} when the last event is at least {@code lapsedDays} old,
 * {@link #LAPSING} when it is at least {@code newDays} old, {@link #ACTIVE} otherwise.
 */
public enum LifecycleStage {
    NEW, ACTIVE, LAPSING, LAPSED;

    public static final double DEFAULT_NEW_DAYS = 30;
    public static final double DEFAULT_LAPSED_DAYS = 90;

    /** The stage of a profile read at some time, with the default thresholds; null for a profile without events. */
    public static LifecycleStage of(ProfileSnapshot at) {
        return of(at, DEFAULT_NEW_DAYS, DEFAULT_LAPSED_DAYS);
    }

    /** @throws IllegalArgumentException unless {@code 0 < newDays <= lapsedDays} */
    public static LifecycleStage of(ProfileSnapshot at, double newDays, double lapsedDays) {
        if (!(newDays > 0 && lapsedDays >= newDays)) {
            throw new IllegalArgumentException("need 0 < newDays <= lapsedDays, got " + newDays + " and " + lapsedDays);
        }
        double recency = at.recencyDays();
        double tenure = at.tenureDays();
        if (!Double.isFinite(recency) || !Double.isFinite(tenure)) {
            return null;
        }
        if (tenure < newDays) {
            return NEW;
        }
        return recency >= lapsedDays ? LAPSED : recency >= newDays ? LAPSING : ACTIVE;
    }
}
