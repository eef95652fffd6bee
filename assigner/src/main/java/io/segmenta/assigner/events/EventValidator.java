package io.segmenta.assigner.events;

import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.EventType;

import java.time.Instant;
import java.util.Objects;

/**
 * Decides whether a {@link CustomerEvent} may be folded into a profile. Rules, checked in this order; the first
 * one that fails decides the {@link EventCheck} code:
 * <ol>
 *   <li>customer id missing or blank: reject {@link EventCheck#MISSING_CUSTOMER_ID}</li>
 *   <li>event time missing: reject {@link EventCheck#MISSING_EVENT_TIME}</li>
 *   <li>event time more than {@link EventRules#futureTolerance()} after {@code now}: reject
 *       {@link EventCheck#FUTURE_EVENT_TIME} (it would pin recency and the decay reference in the future)</li>
 *   <li>event time before {@link EventRules#earliestEventTime()} (default 1990-01-01): reject
 *       {@link EventCheck#IMPLAUSIBLY_OLD_EVENT_TIME} (a producer's default or unit error; folded, an event dated 1870
 *       makes the customer's tenure 56,000 days)</li>
 *   <li>amount NaN or infinite: reject {@link EventCheck#NON_FINITE_AMOUNT}; income NaN or infinite: reject
 *       {@link EventCheck#NON_FINITE_INCOME} (a producer bug, not a customer fact)</li>
 *   <li>PURCHASE without amount: reject {@link EventCheck#MISSING_AMOUNT} (it would skew average order value);
 *       a REFUND without amount is a cancellation and is accepted</li>
 *   <li>negative amount on a PURCHASE or REFUND: reject {@link EventCheck#NEGATIVE_AMOUNT} (the type carries the
 *       sign); on other types the amount is not read</li>
 *   <li>amount above {@link EventRules#maxAmount()} (default 1e7): reject {@link EventCheck#AMOUNT_TOO_LARGE},
 *       whole event, because a purchase without its money would distort every monetary feature</li>
 *   <li>quantity below 0: reject {@link EventCheck#NEGATIVE_QUANTITY}</li>
 *   <li>age outside [{@link EventRules#minAge()}, {@link EventRules#maxAge()}] (default 0..120) or income below
 *       0: the event is accepted with {@link EventCheck#ATTRIBUTE_DROPPED} and only that attribute is ignored
 *       (the profile folder applies the same {@link EventRules}), since the rest of the event is sound</li>
 *   <li>type UNKNOWN (a type newer than this reader): accepted with {@link EventCheck#ACTIVITY_ONLY}; the fold
 *       uses only its time (recency, tenure, decay reference), none of its amounts or attributes</li>
 * </ol>
 * The clock is an argument so that replays and tests are deterministic. De-duplication by event id is not done
 * here; it needs state and belongs to the stream application. Stateless and thread-safe.
 */
public final class EventValidator {

    private final EventRules rules;

    public EventValidator(EventRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /** A validator with {@link EventRules#DEFAULTS}. */
    public static EventValidator withDefaults() {
        return new EventValidator(EventRules.DEFAULTS);
    }

    public EventRules rules() {
        return rules;
    }

    /**
     * Validates one event.
     *
     * @param event     the event, not null
     * @param nowMillis the current time in epoch milliseconds, as the caller's clock sees it
     */
    public EventVerdict validate(CustomerEvent event, long nowMillis) {
        Objects.requireNonNull(event, "event");
        String customerId = event.getCustomerId();
        if (customerId == null || customerId.isBlank()) {
            return EventVerdict.reject(EventCheck.MISSING_CUSTOMER_ID,
                    "event " + event.getEventId() + " has no customer id");
        }
        Instant eventTime = event.getEventTime();
        if (eventTime == null) {
            return EventVerdict.reject(EventCheck.MISSING_EVENT_TIME, "event " + event.getEventId() + " has no event time");
        }
        long latestAllowed = saturatedAdd(nowMillis, rules.futureTolerance().toMillis());
        if (eventTime.toEpochMilli() > latestAllowed) {
            return EventVerdict.reject(EventCheck.FUTURE_EVENT_TIME, "event time " + eventTime + " is more than "
                    + rules.futureTolerance() + " after now (" + Instant.ofEpochMilli(nowMillis) + ")");
        }
        if (eventTime.isBefore(rules.earliestEventTime())) {
            return EventVerdict.reject(EventCheck.IMPLAUSIBLY_OLD_EVENT_TIME, "event time " + eventTime
                    + " is before the earliest plausible " + rules.earliestEventTime());
        }
        Double amount = event.getAmount();
        if (amount != null && !Double.isFinite(amount)) {
            return EventVerdict.reject(EventCheck.NON_FINITE_AMOUNT, "amount is " + amount);
        }
        Double income = event.getIncome();
        if (income != null && !Double.isFinite(income)) {
            return EventVerdict.reject(EventCheck.NON_FINITE_INCOME, "income is " + income);
        }
        EventType type = event.getType();
        if (type == EventType.PURCHASE && amount == null) {
            return EventVerdict.reject(EventCheck.MISSING_AMOUNT, "a PURCHASE needs an amount");
        }
        boolean money = type == EventType.PURCHASE || type == EventType.REFUND;
        if (money && amount != null && amount < 0) {
            return EventVerdict.reject(EventCheck.NEGATIVE_AMOUNT,
                    "amount " + amount + " of a " + type + " is negative (the type carries the sign)");
        }
        if (amount != null && amount > rules.maxAmount()) {
            return EventVerdict.reject(EventCheck.AMOUNT_TOO_LARGE,
                    "amount " + amount + " exceeds the maximum of " + rules.maxAmount());
        }
        Integer quantity = event.getQuantity();
        if (quantity != null && quantity < 0) {
            return EventVerdict.reject(EventCheck.NEGATIVE_QUANTITY, "quantity " + quantity + " is negative");
        }
        if (type == EventType.UNKNOWN || type == null) {
            return new EventVerdict(EventCheck.ACTIVITY_ONLY, "unknown event type: counted as activity only");
        }
        Integer age = event.getAge();
        boolean dropAge = age != null && !rules.isPlausibleAge(age);
        boolean dropIncome = income != null && !rules.isPlausibleIncome(income);
        if (dropAge || dropIncome) {
            StringBuilder message = new StringBuilder("ignored implausible attribute(s):");
            if (dropAge) {
                message.append(" age ").append(age).append(" outside ")
                        .append(rules.minAge()).append("..").append(rules.maxAge());
            }
            if (dropIncome) {
                message.append(dropAge ? ";" : "").append(" income ").append(income).append(" is negative");
            }
            return new EventVerdict(EventCheck.ATTRIBUTE_DROPPED, message.toString());
        }
        return EventVerdict.ACCEPTED;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
