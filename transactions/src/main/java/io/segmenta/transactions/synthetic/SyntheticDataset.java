package io.segmenta.transactions.synthetic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Generates a data set and writes it to a folder: the transactions and {@code truth.csv} beside them. */
public final class SyntheticDataset {

    public static final String TRANSACTIONS_FILE = "transactions.csv";
    public static final String TRANSACTIONS_FOLDER = "transactions";

    /** One CSV, or one CSV per day in a folder (like online-retail-by-day). */
    public enum Layout {
        SINGLE_FILE, BY_DAY
    }

    /**
     * What was written.
     *
     * @param transactions the CSV file, or the folder of daily files; what to pass to the importer
     * @param truth        the truth file
     */
    public record Written(Path transactions, Path truth, int files, long rows, long invoices, long cancellations,
                          int customers, long switchedCustomers, Map<String, Long> firstBehaviourCounts) {
    }

    private SyntheticDataset() {
    }

    /**
     * Writes {@code <outDir>/transactions.csv} (or the folder {@code <outDir>/transactions/}) and
     * {@code <outDir>/truth.csv}, replacing earlier ones.
     *
     * @throws IllegalArgumentException the daily folder exists and is not empty: old days would be read with the new
     *                                  ones, and we do not delete files we did not write
     */
    public static Written write(GeneratorOptions options, Path outDir, Layout layout) throws IOException {
        if (layout == Layout.BY_DAY && Files.isDirectory(outDir.resolve(TRANSACTIONS_FOLDER))) {
            try (var existing = Files.list(outDir.resolve(TRANSACTIONS_FOLDER))) {
                if (existing.findAny().isPresent()) {
                    throw new IllegalArgumentException(outDir.resolve(TRANSACTIONS_FOLDER)
                            + " is not empty; remove it or choose another folder");
                }
            }
        }
        SyntheticData data = Generator.generate(options);
        Files.createDirectories(outDir);
        Path transactions;
        int files;
        long rows;
        if (layout == Layout.BY_DAY) {
            transactions = outDir.resolve(TRANSACTIONS_FOLDER);
            List<Path> written = OnlineRetailWriter.writeByDay(data.invoices(), transactions);
            files = written.size();
            rows = data.lines();
        } else {
            transactions = outDir.resolve(TRANSACTIONS_FILE);
            rows = OnlineRetailWriter.writeFile(data.invoices(), transactions);
            files = 1;
        }
        Path truth = outDir.resolve(TruthFile.FILE_NAME);
        TruthFile.write(data.truth(), truth);
        return new Written(transactions, truth, files, rows, data.invoices().size(), data.cancellations(),
                data.customers().size(), data.switchedCustomers(), data.firstBehaviourCounts());
    }
}
