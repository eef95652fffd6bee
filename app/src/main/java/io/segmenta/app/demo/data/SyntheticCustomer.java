package io.segmenta.app.demo.data;

import java.time.Instant;

/**
 * One synthetic customer and its ground truth.
 *
 * @param id             customer id, the Kafka key ({@code c00042})
 * @param index          position in the population, 0-based
 * @param initialSegment the segment the customer starts in
 * @param finalSegment   the segment at the end of the timeline: the same, except that with drift the store regulars
 *                       end as {@link LatentSegment#LAPSING_CUSTOMERS} (they stopped buying)
 * @param signup         when the customer signed up; before the timeline's start for established customers (then
 *                       no SIGNUP event is emitted, a PROFILE_UPDATE carries the attributes)
 * @param activeUntil    after this the customer does nothing (lapsing, faded); the timeline's end otherwise
 * @param activity       the customer's multiplier on the segment's session rate (log-normal around 1)
 * @param primaryChannel channel of most sessions
 * @param country        country of the customer
 * @param age            age in years
 * @param gender         "F" or "M"
 * @param income         yearly income
 */
public record SyntheticCustomer(String id, int index, LatentSegment initialSegment, LatentSegment finalSegment,
                                Instant signup, Instant activeUntil, double activity, String primaryChannel,
                                String country, int age, String gender, double income) {
}
