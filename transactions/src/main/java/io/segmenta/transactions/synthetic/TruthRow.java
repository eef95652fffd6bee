package io.segmenta.transactions.synthetic;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One line of {@code truth.csv}: from {@code from} (the start of that day, Europe/London) the customer follows
 * {@code behaviour}, until their next row if any.
 *
 * @param customerId the id exactly as the importer gives it to events ("30001", where the file writes "30001.0")
 */
public record TruthRow(String customerId, LocalDate from, String behaviour) {

    public TruthRow {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(behaviour, "behaviour");
    }
}
