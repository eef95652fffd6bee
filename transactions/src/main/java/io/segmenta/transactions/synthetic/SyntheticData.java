package io.segmenta.transactions.synthetic;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link Generator} made: the customers (with their truth) and every invoice, numbered in time order.
 */
public record SyntheticData(GeneratorOptions options, List<SyntheticCustomer> customers, List<Invoice> invoices) {

    public SyntheticData {
        customers = List.copyOf(customers);
        invoices = List.copyOf(invoices);
    }

    /** Every truth row, by customer id (numerically) and date. */
    public List<TruthRow> truth() {
        return customers.stream().sorted(Comparator.comparingInt(SyntheticCustomer::id))
                .flatMap(c -> c.timeline().stream()).toList();
    }

    /** Customers whose behaviour changes. */
    public long switchedCustomers() {
        return customers.stream().filter(c -> c.timeline().size() > 1).count();
    }

    public long cancellations() {
        return invoices.stream().filter(Invoice::cancellation).count();
    }

    public long lines() {
        return invoices.stream().mapToLong(i -> i.lines().size()).sum();
    }

    /** Customers per behaviour on the first day. */
    public Map<String, Long> firstBehaviourCounts() {
        Map<String, Long> out = new TreeMap<>();
        customers.forEach(c -> out.merge(c.timeline().get(0).behaviour(), 1L, Long::sum));
        return out;
    }
}
