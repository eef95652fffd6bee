package io.segmenta.streams.state;

import io.segmenta.assigner.dedup.RecentEvents;
import io.segmenta.assigner.profile.CustomerProfile;

import java.util.Objects;

/**
 * Everything the assigner keeps per customer, in one store entry so that an event costs one read and one write:
 * the profile folded from the customer's events, the current assignment (null until a model has scored the
 * customer) and the recently seen event ids. The profile and the id ring are mutable and updated in place by the
 * owning task; the assignment is replaced with {@link #withAssignment}.
 */
public record CustomerState(CustomerProfile profile, CurrentAssignment assignment, RecentEvents recentEvents) {

    public CustomerState {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(recentEvents, "recentEvents");
    }

    public static CustomerState empty(CustomerProfile profile, int dedupCapacity) {
        return new CustomerState(profile, null, new RecentEvents(dedupCapacity));
    }

    public CustomerState withAssignment(CurrentAssignment next) {
        return new CustomerState(profile, next, recentEvents);
    }

    public boolean hasAssignment() {
        return assignment != null;
    }
}
