package io.segmenta.streams;

import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.EventType;

import java.time.Instant;

/** Customer events for the assigner's tests. */
public final class TestEvents {

    private TestEvents() {
    }

    public static CustomerEvent purchase(String eventId, String customerId, double amount) {
        return purchase(eventId, customerId, amount, TestModels.T0);
    }

    public static CustomerEvent purchase(String eventId, String customerId, double amount, Instant at) {
        return CustomerEvent.newBuilder().setEventId(eventId).setCustomerId(customerId).setEventTime(at)
                .setType(EventType.PURCHASE).setAmount(amount).setQuantity(1).setProductCategory("books")
                .setCountry("GB").setChannel("web").build();
    }
}
