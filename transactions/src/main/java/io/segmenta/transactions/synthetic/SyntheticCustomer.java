package io.segmenta.transactions.synthetic;

import java.util.List;

/**
 * One generated customer.
 *
 * @param id       numeric id; the file writes it as {@code id.0}, events and the truth carry {@code id}
 * @param country  drawn once from the first behaviour's mix and kept on a switch (people move less than they change
 *                 habits)
 * @param activity multiplies the purchase rate (divides the gaps)
 * @param spend    multiplies the units per line
 * @param timeline the behaviours over time, first row on the start day
 */
public record SyntheticCustomer(int id, String country, double activity, double spend, List<TruthRow> timeline) {

    public SyntheticCustomer {
        timeline = List.copyOf(timeline);
        if (timeline.isEmpty()) {
            throw new IllegalArgumentException("customer " + id + " needs at least one behaviour");
        }
    }

    public String customerId() {
        return String.valueOf(id);
    }

    /** As Online Retail writes CustomerID: a float. */
    public String fileCustomerId() {
        return id + ".0";
    }
}
