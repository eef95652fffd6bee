package io.segmenta.transactions.synthetic;

import java.time.LocalDateTime;
import java.util.List;

/**
 * A purchase or a cancellation of one customer. Cancellations carry positive quantities here; the writer negates
 * them and prefixes the invoice number with C, as Online Retail does.
 *
 * @param invoiceNo    assigned in time order once all customers are generated ("C" prefix for cancellations)
 * @param customer     the customer
 * @param time         local time (Europe/London), whole minutes like the real file
 * @param lines        at least one
 * @param cancellation whether it cancels (part of) an earlier invoice
 */
public record Invoice(String invoiceNo, SyntheticCustomer customer, LocalDateTime time, List<Line> lines,
                      boolean cancellation) {

    public Invoice {
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("an invoice needs at least one line");
        }
    }

    Invoice numbered(String number) {
        return new Invoice(number, customer, time, lines, cancellation);
    }

    /** One product on an invoice; quantity is positive. */
    public record Line(Product product, int quantity) {
        public Line {
            if (quantity < 1) {
                throw new IllegalArgumentException("a line's quantity is positive, was " + quantity);
            }
        }
    }
}
