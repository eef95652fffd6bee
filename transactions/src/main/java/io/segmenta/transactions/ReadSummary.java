package io.segmenta.transactions;

import java.text.NumberFormat;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What a {@link TransactionReader} did with the rows it read. Rows that gave no event are counted, not dropped
 * silently: {@code rows = events + rowsWithoutCustomerId (when not emitted) + unparseableRows}.
 *
 * @param files                 files read
 * @param rows                  data rows read (headers and blank lines excluded)
 * @param events                events emitted
 * @param purchases             of which PURCHASE
 * @param refunds               of which REFUND (cancellations)
 * @param rowsWithoutCustomerId rows with an empty customer id
 * @param unparseableRows       rows with a bad number or time, too few fields, or a negative purchase amount
 * @param problems              the first few unparseable rows, "file row n: reason"
 * @param firstEventTime        earliest event time emitted (null without events)
 * @param lastEventTime         latest event time emitted (null without events)
 */
public record ReadSummary(int files, long rows, long events, long purchases, long refunds, long rowsWithoutCustomerId,
                          long unparseableRows, List<String> problems, Instant firstEventTime, Instant lastEventTime) {

    public ReadSummary {
        problems = List.copyOf(problems);
    }

    /** One line for logs and progress output. */
    public String describe() {
        NumberFormat f = NumberFormat.getIntegerInstance(Locale.ROOT);
        f.setGroupingUsed(true);
        return files + (files == 1 ? " file, " : " files, ") + f.format(rows) + " rows: " + f.format(events)
                + " events (" + f.format(purchases) + " purchases, " + f.format(refunds) + " refunds); "
                + f.format(rowsWithoutCustomerId) + " rows without a customer id; " + f.format(unparseableRows)
                + " unparseable rows" + (problems.isEmpty() ? "" : " (first: " + problems.get(0) + ")");
    }
}
