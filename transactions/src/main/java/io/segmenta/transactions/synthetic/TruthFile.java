package io.segmenta.transactions.synthetic;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code truth.csv}: header {@value #HEADER}, one row per customer and behaviour period; {@code from} is an
 * ISO-8601 date (the start of that day, Europe/London). Ids, dates and behaviour names never need quoting.
 */
public final class TruthFile {

    public static final String HEADER = "customer_id,from,behaviour";
    public static final String FILE_NAME = "truth.csv";

    private TruthFile() {
    }

    public static void write(List<TruthRow> rows, Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write('\n');
            for (TruthRow row : rows) {
                out.write(row.customerId() + "," + row.from() + "," + row.behaviour());
                out.write('\n');
            }
        }
    }
}
