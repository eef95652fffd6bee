package io.segmenta.assigner.events;

import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventValidatorTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private final EventValidator validator = EventValidator.withDefaults();

    private static CustomerEvent.Builder purchase() {
        return CustomerEvent.newBuilder()
                .setEventId("e-1")
                .setCustomerId("c-1")
                .setEventTime(NOW.minus(Duration.ofHours(1)))
                .setType(EventType.PURCHASE)
                .setAmount(25.0)
                .setQuantity(2);
    }

    private EventVerdict check(CustomerEvent.Builder event) {
        return validator.validate(event.build(), NOW.toEpochMilli());
    }

    @Test
    void acceptsASoundEventWithTheSharedVerdict() {
        EventVerdict verdict = check(purchase().setAge(40).setIncome(50_000.0));
        assertThat(verdict.accepted()).isTrue();
        assertThat(verdict).isSameAs(EventVerdict.ACCEPTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t"})
    void rejectsBlankCustomerId(String id) {
        assertThat(check(purchase().setCustomerId(id)).check()).isEqualTo(EventCheck.MISSING_CUSTOMER_ID);
    }

    @Test
    void rejectsMissingCustomerIdWithAMessageNamingTheEvent() {
        EventVerdict verdict = check(purchase().setCustomerId(null));
        assertThat(verdict.accepted()).isFalse();
        assertThat(verdict.check()).isEqualTo(EventCheck.MISSING_CUSTOMER_ID);
        assertThat(verdict.message()).contains("e-1");
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void rejectsNonFiniteAmountOnAnyType(double amount) {
        assertThat(check(purchase().setAmount(amount)).check()).isEqualTo(EventCheck.NON_FINITE_AMOUNT);
        assertThat(check(purchase().setType(EventType.PAGE_VIEW).setAmount(amount)).check())
                .isEqualTo(EventCheck.NON_FINITE_AMOUNT);
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void rejectsNonFiniteIncome(double income) {
        assertThat(check(purchase().setIncome(income)).check()).isEqualTo(EventCheck.NON_FINITE_INCOME);
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = {"PURCHASE", "REFUND"})
    void rejectsNegativeAmountOnMoneyEvents(EventType type) {
        EventVerdict verdict = check(purchase().setType(type).setAmount(-0.01));
        assertThat(verdict.check()).isEqualTo(EventCheck.NEGATIVE_AMOUNT);
        assertThat(verdict.message()).contains(type.name());
    }

    @Test
    void ignoresTheSignOfAmountsThatAreNotRead() {
        assertThat(check(purchase().setType(EventType.PAGE_VIEW).setAmount(-5.0)).accepted()).isTrue();
    }

    @Test
    void rejectsPurchaseWithoutAmountButAcceptsCancellationWithout() {
        assertThat(check(purchase().setAmount(null)).check()).isEqualTo(EventCheck.MISSING_AMOUNT);
        assertThat(check(purchase().setType(EventType.REFUND).setAmount(null)).accepted()).isTrue();
    }

    @Test
    void rejectsNegativeQuantity() {
        assertThat(check(purchase().setQuantity(-1)).check()).isEqualTo(EventCheck.NEGATIVE_QUANTITY);
        assertThat(check(purchase().setQuantity(0)).accepted()).isTrue();
    }

    @Test
    void rejectsAmountAboveTheDefaultMaximumOnly() {
        assertThat(check(purchase().setAmount(EventRules.DEFAULT_MAX_AMOUNT)).accepted()).isTrue();
        EventVerdict verdict = check(purchase().setAmount(Math.nextUp(EventRules.DEFAULT_MAX_AMOUNT)));
        assertThat(verdict.check()).isEqualTo(EventCheck.AMOUNT_TOO_LARGE);
    }

    @Test
    void maximumAmountIsConfigurable() {
        EventValidator strict = new EventValidator(EventRules.DEFAULTS.withMaxAmount(100));
        assertThat(strict.validate(purchase().setAmount(100.5).build(), NOW.toEpochMilli()).check())
                .isEqualTo(EventCheck.AMOUNT_TOO_LARGE);
        assertThat(strict.validate(purchase().setAmount(99.5).build(), NOW.toEpochMilli()).accepted()).isTrue();
    }

    @Test
    void rejectsEventsFurtherInTheFutureThanTheTolerance() {
        Duration tolerance = EventRules.DEFAULT_FUTURE_TOLERANCE;
        assertThat(check(purchase().setEventTime(NOW.plus(tolerance))).accepted()).isTrue();
        EventVerdict verdict = check(purchase().setEventTime(NOW.plus(tolerance).plusMillis(1)));
        assertThat(verdict.check()).isEqualTo(EventCheck.FUTURE_EVENT_TIME);
        assertThat(verdict.message()).contains(NOW.toString());
    }

    @Test
    void rejectsImplausiblyOldEventTimesAndKeepsOldButRealOnes() {
        EventVerdict ancient = check(purchase().setEventTime(Instant.parse("1870-03-01T00:00:00Z")));
        assertThat(ancient.check()).isEqualTo(EventCheck.IMPLAUSIBLY_OLD_EVENT_TIME);
        assertThat(ancient.message()).contains("1870-03-01T00:00:00Z").contains("1990-01-01T00:00:00Z");
        assertThat(check(purchase().setEventTime(Instant.EPOCH)).check())
                .isEqualTo(EventCheck.IMPLAUSIBLY_OLD_EVENT_TIME);
        // CDNow (1997) and Online Retail (2010) are history, not errors
        assertThat(check(purchase().setEventTime(Instant.parse("1997-01-01T00:00:00Z"))).accepted()).isTrue();
        EventValidator older = new EventValidator(EventRules.DEFAULTS.withEarliestEventTime(Instant.EPOCH));
        assertThat(older.validate(purchase().setEventTime(Instant.parse("1980-06-01T00:00:00Z")).build(),
                NOW.toEpochMilli()).accepted()).isTrue();
    }

    @Test
    void futureToleranceAndClockAreArguments() {
        EventValidator tight = new EventValidator(EventRules.DEFAULTS.withFutureTolerance(Duration.ofMinutes(5)));
        CustomerEvent event = purchase().setEventTime(NOW.plus(Duration.ofMinutes(10))).build();
        assertThat(tight.validate(event, NOW.toEpochMilli()).check()).isEqualTo(EventCheck.FUTURE_EVENT_TIME);
        assertThat(tight.validate(event, NOW.plus(Duration.ofMinutes(6)).toEpochMilli()).accepted()).isTrue();
    }

    @Test
    void hugeNowDoesNotOverflowIntoRejection() {
        assertThat(validator.validate(purchase().build(), Long.MAX_VALUE).accepted()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 121, 500})
    void dropsImplausibleAgeButKeepsTheEvent(int age) {
        EventVerdict verdict = check(purchase().setAge(age));
        assertThat(verdict.accepted()).isTrue();
        assertThat(verdict.check()).isEqualTo(EventCheck.ATTRIBUTE_DROPPED);
        assertThat(verdict.message()).contains("age " + age);
    }

    @Test
    void ageBoundsAreInclusive() {
        assertThat(check(purchase().setAge(0))).isSameAs(EventVerdict.ACCEPTED);
        assertThat(check(purchase().setAge(120))).isSameAs(EventVerdict.ACCEPTED);
    }

    @Test
    void dropsNegativeIncomeAndNamesBothDroppedAttributes() {
        EventVerdict verdict = check(purchase().setIncome(-10.0).setAge(200));
        assertThat(verdict.check()).isEqualTo(EventCheck.ATTRIBUTE_DROPPED);
        assertThat(verdict.message()).contains("income -10.0").contains("age 200");
    }

    @Test
    void acceptsUnknownTypeAsActivityOnly() {
        EventVerdict verdict = check(purchase().setType(EventType.UNKNOWN).setAmount(null));
        assertThat(verdict.accepted()).isTrue();
        assertThat(verdict.check()).isEqualTo(EventCheck.ACTIVITY_ONLY);
    }

    @Test
    void unknownTypeIsStillSubjectToTheHardRules() {
        assertThat(check(purchase().setType(EventType.UNKNOWN).setCustomerId(" ")).check())
                .isEqualTo(EventCheck.MISSING_CUSTOMER_ID);
        assertThat(check(purchase().setType(EventType.UNKNOWN).setEventTime(NOW.plus(Duration.ofDays(3)))).check())
                .isEqualTo(EventCheck.FUTURE_EVENT_TIME);
    }

    @Test
    void everyRejectionCodeRejectsAndEveryAcceptanceDoesNot() {
        assertThat(EventCheck.OK.rejects()).isFalse();
        assertThat(EventCheck.ATTRIBUTE_DROPPED.rejects()).isFalse();
        assertThat(EventCheck.ACTIVITY_ONLY.rejects()).isFalse();
        assertThat(EventCheck.NEGATIVE_QUANTITY.rejects()).isTrue();
        assertThatThrownBy(() -> EventVerdict.reject(EventCheck.OK, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rulesRejectNonsenseConfiguration() {
        assertThatThrownBy(() -> EventRules.DEFAULTS.withMaxAmount(0)).hasMessageContaining("maxAmount");
        assertThatThrownBy(() -> EventRules.DEFAULTS.withMaxAmount(Double.NaN)).hasMessageContaining("maxAmount");
        assertThatThrownBy(() -> EventRules.DEFAULTS.withFutureTolerance(Duration.ofSeconds(-1)))
                .hasMessageContaining("futureTolerance");
        assertThatThrownBy(() -> EventRules.DEFAULTS.withAgeRange(50, 10)).hasMessageContaining("minAge");
    }
}
