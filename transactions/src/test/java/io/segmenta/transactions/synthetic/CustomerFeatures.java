package io.segmenta.transactions.synthetic;

import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.EventType;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Per-customer RFM-like figures computed from read-back events, written for the tests only (not the model's
 * features): invoices, money spent, refund share, days since the last purchase.
 */
final class CustomerFeatures {

    final Set<String> invoices = new HashSet<>();
    final Set<String> refundInvoices = new HashSet<>();
    double spent;
    double refunded;
    Instant last = Instant.MIN;

    static Map<String, CustomerFeatures> of(List<CustomerEvent> events) {
        Map<String, CustomerFeatures> out = new TreeMap<>();
        for (CustomerEvent e : events) {
            CustomerFeatures f = out.computeIfAbsent(e.getCustomerId(), id -> new CustomerFeatures());
            String invoice = e.getAttributes().get("invoice");
            if (e.getType() == EventType.REFUND) {
                f.refunded += e.getAmount();
                f.refundInvoices.add(invoice);
            } else {
                f.spent += e.getAmount();
                f.invoices.add(invoice);
                if (e.getEventTime().isAfter(f.last)) {
                    f.last = e.getEventTime();
                }
            }
        }
        return out;
    }

    int frequency() {
        return invoices.size();
    }

    double basket() {
        return invoices.isEmpty() ? 0 : spent / invoices.size();
    }

    double refundShare() {
        return spent + refunded == 0 ? 0 : refunded / (spent + refunded);
    }

    double refundInvoiceShare() {
        return invoices.isEmpty() ? 0 : refundInvoices.size() / (double) invoices.size();
    }

    /**
     * Refunded invoices per invoice, pulled towards 0 for customers with few invoices (one refund of three invoices
     * says little), so that the rare buyers do not scatter along this axis.
     */
    double smoothedRefundRate() {
        return refundInvoices.size() / (invoices.size() + 3.0);
    }

    /** log frequency, log basket value, refund share of invoices, recency in days: a plain batch K-Means input. */
    double[] vector(Instant end) {
        double recencyDays = last == Instant.MIN ? 365 : (end.toEpochMilli() - last.toEpochMilli()) / 86_400_000.0;
        return new double[]{Math.log1p(frequency()), Math.log1p(basket()), smoothedRefundRate(),
                Math.log1p(recencyDays)};
    }
}
