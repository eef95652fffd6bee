package io.segmenta.transactions;

import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.EventType;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads a transactions file, or every file of a directory in name order, into {@link CustomerEvent}s through a
 * {@link TransactionMapping}. One row gives at most one event; rows that give none are counted in the
 * {@link ReadSummary} (no customer id, unparseable) rather than dropped silently.
 *
 * <p>Event ids are {@code <mapping name>:<file name>:<data row number>} (1-based, header excluded): replaying the
 * same files gives the same ids, so the stream de-duplicates a re-import. Money is multiplied in decimal
 * ({@code 6 x 2.55 = 15.30}, not {@code 15.299999999999999}). Stateless between calls; not thread-safe during one.
 */
public final class TransactionReader {

    /** Problems kept verbatim in the summary; the rest are only counted. */
    public static final int MAX_PROBLEMS = 10;

    private final TransactionMapping mapping;
    private final boolean emitWithoutCustomerId;

    public TransactionReader(TransactionMapping mapping) {
        this(mapping, false);
    }

    private TransactionReader(TransactionMapping mapping, boolean emitWithoutCustomerId) {
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.emitWithoutCustomerId = emitWithoutCustomerId;
    }

    /**
     * A reader that also emits rows without a customer id (customerId null), e.g. for an importer that sends them to
     * the stream so that the assigner dead-letters them visibly. They are still counted.
     */
    public TransactionReader emittingRowsWithoutCustomerId() {
        return new TransactionReader(mapping, true);
    }

    public TransactionMapping mapping() {
        return mapping;
    }

    /** The file itself, or the directory's regular, non-hidden files in name order. */
    public static List<Path> files(Path fileOrDirectory) throws IOException {
        if (Files.isRegularFile(fileOrDirectory)) {
            return List.of(fileOrDirectory);
        }
        if (!Files.isDirectory(fileOrDirectory)) {
            throw new java.nio.file.NoSuchFileException(fileOrDirectory.toString(), null, "no such file or directory");
        }
        try (Stream<Path> s = Files.list(fileOrDirectory)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
    }

    /** Reads everything, handing each event to {@code sink}. */
    public ReadSummary read(Path fileOrDirectory, Consumer<? super CustomerEvent> sink) throws IOException {
        return read(fileOrDirectory, sink, file -> {
        });
    }

    /**
     * Reads everything.
     *
     * @param sink   receives each event, in file and row order
     * @param onFile told before each file is read (progress)
     * @throws IOException      a file cannot be read
     * @throws MappingException a file lacks a column the mapping reads
     */
    public ReadSummary read(Path fileOrDirectory, Consumer<? super CustomerEvent> sink, Consumer<Path> onFile)
            throws IOException {
        Counts counts = new Counts();
        List<Path> files = files(fileOrDirectory);
        for (Path file : files) {
            onFile.accept(file);
            readFile(file, sink, counts);
        }
        return new ReadSummary(files.size(), counts.rows, counts.events, counts.purchases, counts.refunds,
                counts.withoutCustomer, counts.unparseable, counts.problems,
                counts.events == 0 ? null : Instant.ofEpochMilli(counts.first),
                counts.events == 0 ? null : Instant.ofEpochMilli(counts.last));
    }

    private static final class Counts {
        long rows;
        long events;
        long purchases;
        long refunds;
        long withoutCustomer;
        long unparseable;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        final List<String> problems = new ArrayList<>();

        void problem(String file, long row, String reason) {
            unparseable++;
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(file + " row " + row + ": " + reason);
            }
        }
    }

    private void readFile(Path file, Consumer<? super CustomerEvent> sink, Counts counts) throws IOException {
        String fileName = file.getFileName().toString();
        Delimiter delimiter = mapping.delimiter() != null ? mapping.delimiter()
                : Delimiter.detect(TransactionMappings.firstLine(file));
        try (BufferedReader in = TextFiles.open(file)) {
            Iterator<String[]> rows = delimiter == Delimiter.WHITESPACE ? whitespaceRows(in) : csvRows(in, delimiter);
            List<String> header = null;
            if (mapping.header()) {
                if (!rows.hasNext()) {
                    return; // an empty file: nothing to read
                }
                header = List.of(rows.next());
                header = header.stream().map(h -> h.replace("\uFEFF", "").strip()).toList();
            }
            Columns columns = resolve(header, file);
            TimeFormat.Parser time = mapping.timeFormat().parser();
            long row = 0;
            while (rows.hasNext()) {
                String[] fields = rows.next();
                if (fields.length == 0 || (fields.length == 1 && fields[0].isBlank())) {
                    continue;
                }
                row++;
                counts.rows++;
                CustomerEvent event = toEvent(fields, columns, time, fileName, row, counts);
                if (event != null) {
                    counts.events++;
                    if (event.getType() == EventType.REFUND) {
                        counts.refunds++;
                    } else {
                        counts.purchases++;
                    }
                    long t = event.getEventTime().toEpochMilli();
                    counts.first = Math.min(counts.first, t);
                    counts.last = Math.max(counts.last, t);
                    sink.accept(event);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Column indices resolved against one file's header. */
    private record Columns(int customerId, int time, int amount, int quantity, int unitPrice, int refundPrefix,
                           int country, int category, Map<String, Integer> attributes, int width) {
    }

    private Columns resolve(List<String> header, Path file) {
        int width = 0;
        for (ColumnRef ref : mapping.columns()) {
            int i = ref.indexIn(header);
            if (i < 0 || (header != null && i >= header.size())) {
                throw new MappingException("mapping '" + mapping.name() + "' reads column " + ref + " but "
                        + file.getFileName() + " has " + (header == null ? "no such column" : "columns " + header));
            }
            width = Math.max(width, i + 1);
        }
        Map<String, Integer> attributes = new HashMap<>();
        mapping.attributes().forEach((name, ref) -> attributes.put(name, ref.indexIn(header)));
        return new Columns(mapping.customerId().indexIn(header), mapping.time().indexIn(header), index(mapping.amount(), header),
                index(mapping.quantity(), header), index(mapping.unitPrice(), header),
                index(mapping.refundRule().prefixColumn(), header), index(mapping.country(), header),
                index(mapping.category(), header), attributes, width);
    }

    private static int index(ColumnRef ref, List<String> header) {
        return ref == null ? -1 : ref.indexIn(header);
    }

    private CustomerEvent toEvent(String[] f, Columns c, TimeFormat.Parser time, String fileName, long row,
                                  Counts counts) {
        if (f.length < c.width()) {
            counts.problem(fileName, row, "has " + f.length + " fields, the mapping reads " + c.width());
            return null;
        }
        String customer = customerId(f[c.customerId()]);
        if (customer == null) {
            counts.withoutCustomer++;
            if (!emitWithoutCustomerId) {
                return null;
            }
        }
        try {
            long millis = parse(mapping.time(), f[c.time()], time::epochMillis);
            BigDecimal quantity = c.quantity() < 0 ? null : parse(mapping.quantity(), f[c.quantity()],
                    TransactionReader::decimal);
            BigDecimal amount = c.amount() >= 0 ? parse(mapping.amount(), f[c.amount()], TransactionReader::decimal)
                    : quantity.multiply(parse(mapping.unitPrice(), f[c.unitPrice()], TransactionReader::decimal));
            boolean refund = isRefund(f, c, quantity, amount);
            if (!refund && amount.signum() < 0) {
                counts.problem(fileName, row, "negative amount " + amount.toPlainString() + " on a purchase");
                return null;
            }
            Integer items = quantity == null ? null : parse(mapping.quantity(), f[c.quantity()],
                    x -> quantity.abs().intValueExact());
            Map<String, String> attributes = new HashMap<>();
            c.attributes().forEach((name, i) -> {
                String v = f[i].strip();
                if (!v.isEmpty()) {
                    attributes.put(name, v);
                }
            });
            return CustomerEvent.newBuilder()
                    .setEventId(mapping.name() + ":" + fileName + ":" + row)
                    .setCustomerId(customer)
                    .setEventTime(Instant.ofEpochMilli(millis))
                    .setType(refund ? EventType.REFUND : EventType.PURCHASE)
                    .setAmount(amount.abs().doubleValue())
                    .setCurrency(mapping.currency())
                    .setQuantity(items)
                    .setProductCategory(text(f, c.category()))
                    .setChannel(mapping.channel())
                    .setCountry(text(f, c.country()))
                    .setAttributes(attributes)
                    .build();
        } catch (BadField e) {
            counts.problem(fileName, row, e.getMessage());
            return null;
        }
    }

    /** A field that does not parse; caught per row and counted. */
    private static final class BadField extends Exception {
        BadField(String message) {
            super(message, null, false, false);
        }
    }

    private interface FieldParser<T> {
        T parse(String text);
    }

    private static <T> T parse(ColumnRef column, String text, FieldParser<T> parser) throws BadField {
        try {
            return parser.parse(text);
        } catch (DateTimeException | NumberFormatException | ArithmeticException e) {
            throw new BadField("cannot read " + column + " '" + text.strip() + "'"
                    + (e instanceof DateTimeException ? "" : " (" + e.getMessage() + ")"));
        }
    }

    private boolean isRefund(String[] f, Columns c, BigDecimal quantity, BigDecimal amount) {
        TransactionMapping.RefundRule rule = mapping.refundRule();
        if (rule.prefixColumn() != null && f[c.refundPrefix()].strip().startsWith(rule.prefix())) {
            return true;
        }
        return rule.negative() && ((quantity != null && quantity.signum() < 0) || amount.signum() < 0);
    }

    /** Trimmed id, null when empty; "17850.0" becomes "17850" for an integer id. */
    private String customerId(String raw) {
        String id = raw.strip();
        if (id.isEmpty()) {
            return null;
        }
        if (mapping.customerIdInteger() && id.indexOf('.') >= 0) {
            try {
                BigDecimal d = new BigDecimal(id);
                if (d.stripTrailingZeros().scale() <= 0) {
                    return d.toBigInteger().toString();
                }
            } catch (NumberFormatException e) {
                return id; // not a number after all: keep it as written
            }
        }
        return id;
    }

    private static BigDecimal decimal(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new NumberFormatException("empty");
        }
        return new BigDecimal(t);
    }

    private static String text(String[] f, int i) {
        if (i < 0) {
            return null;
        }
        String v = f[i].strip();
        return v.isEmpty() ? null : v;
    }

    private static Iterator<String[]> whitespaceRows(BufferedReader in) {
        return in.lines().map(Delimiter::splitWhitespace).iterator();
    }

    private static Iterator<String[]> csvRows(BufferedReader in, Delimiter delimiter) throws IOException {
        CSVParser parser = CSVParser.parse(in, delimiter.csvFormat());
        Iterator<CSVRecord> records = parser.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public String[] next() {
                return records.next().values();
            }
        };
    }
}
