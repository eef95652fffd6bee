package io.segmenta.transactions.synthetic;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes invoices in the layout of the UCI Online Retail file as the built-in {@code online-retail} mapping reads it:
 * header {@value #HEADER}, one row per invoice line, {@code InvoiceDate} as {@code yyyy-MM-dd HH:mm:ss} (local time,
 * Europe/London), {@code CustomerID} as a float ({@code 30001.0}), cancellations as invoice numbers starting with C
 * with negative quantities. Rows are in time order, as the real file's are.
 */
public final class OnlineRetailWriter {

    public static final String HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setQuoteMode(QuoteMode.MINIMAL)
            .setRecordSeparator('\n').get();

    private OnlineRetailWriter() {
    }

    /** One file; returns the number of rows written (header excluded). */
    public static long writeFile(List<Invoice> invoices, Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(out, FORMAT)) {
            csv.printRecord((Object[]) HEADER.split(","));
            long rows = 0;
            for (Invoice inv : invoices) {
                rows += print(csv, inv);
            }
            return rows;
        }
    }

    /**
     * One file per day with invoices, {@code <dir>/yyyy-MM-dd.csv}, like {@code online-retail-by-day}; the reader
     * takes the folder and reads the files in name order, which is time order.
     *
     * @return the files written, in order
     */
    public static List<Path> writeByDay(List<Invoice> invoices, Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<LocalDate, List<Invoice>> byDay = new TreeMap<>();
        for (Invoice inv : invoices) {
            byDay.computeIfAbsent(inv.time().toLocalDate(), d -> new ArrayList<>()).add(inv);
        }
        List<Path> files = new ArrayList<>();
        for (Map.Entry<LocalDate, List<Invoice>> day : byDay.entrySet()) {
            Path file = dir.resolve(day.getKey() + ".csv");
            writeFile(day.getValue(), file);
            files.add(file);
        }
        return files;
    }

    private static int print(CSVPrinter csv, Invoice inv) throws IOException {
        String time = TIME.format(inv.time());
        for (Invoice.Line line : inv.lines()) {
            int quantity = inv.cancellation() ? -line.quantity() : line.quantity();
            csv.printRecord(inv.invoiceNo(), line.product().stockCode(), line.product().description(), quantity, time,
                    line.product().unitPrice().toPlainString(), inv.customer().fileCustomerId(),
                    inv.customer().country());
        }
        return inv.lines().size();
    }
}
