package io.segmenta.analysis.table;

import io.segmenta.transactions.Delimiter;

import java.util.List;

/** A delimited file as read: unique column names and rows of cells (as written, padded to the header's width). */
public record RawTable(String source, Delimiter delimiter, List<String> header, List<String[]> rows) {

    public RawTable {
        header = List.copyOf(header);
        rows = List.copyOf(rows);
    }
}
