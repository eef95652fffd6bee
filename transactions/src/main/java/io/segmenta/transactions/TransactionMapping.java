package io.segmenta.transactions;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How the rows of a transactions file (CSV, TSV, whitespace separated; one file or a directory of them) become
 * {@code CustomerEvent}s: one event per row, a PURCHASE or, when the refund rule matches, a REFUND (cancellations
 * included). Loaded from a small properties file, so a new data set needs a mapping, not code. Keys:
 * <pre>
 * name=online-retail                  # names the source; part of every event id
 * delimiter=auto|comma|tab|semicolon|pipe|whitespace
 * header=true                         # false: columns are 1-based positions (#1 or 1)
 * customer.id=CustomerID              # required
 * customer.id.integer=true            # "17850.0" is customer "17850"
 * time=InvoiceDate                    # required
 * time.pattern=yyyy-MM-dd HH:mm:ss    # DateTimeFormatter pattern, or iso, epoch-millis, epoch-seconds
 * time.zone=UTC                       # for times without an offset
 * amount=Total                        # money of the row, or else quantity x unit price:
 * quantity=Quantity
 * unit.price=UnitPrice
 * refund.prefix=InvoiceNo:C           # a row whose InvoiceNo starts with C is a REFUND
 * refund.negative=true                # a row with a negative quantity (or amount) is a REFUND
 * currency=GBP  channel=web           # constants
 * country=Country  category=StockCode # optional columns
 * attribute.invoice=InvoiceNo         # any further columns, into the event's attributes
 * detect.header=InvoiceNo,...,Country # auto-detection: these header names identify the format, or
 * detect.line=^\s*\d+\s+\d{8}\s+...$  # a regex the first line of a headerless file matches
 * </pre>
 * A refund's amount and quantity are written as positive numbers (the type carries the sign), as the event
 * contract demands. Unknown keys are rejected so that a typo does not silently drop a column.
 */
public record TransactionMapping(
        String name,
        Delimiter delimiter,
        boolean header,
        ColumnRef customerId,
        boolean customerIdInteger,
        ColumnRef time,
        TimeFormat timeFormat,
        ColumnRef amount,
        ColumnRef quantity,
        ColumnRef unitPrice,
        RefundRule refundRule,
        String currency,
        String channel,
        ColumnRef country,
        ColumnRef category,
        Map<String, ColumnRef> attributes,
        List<String> detectHeader,
        Pattern detectLine) {

    /**
     * When a row is a refund (a cancellation) rather than a purchase.
     *
     * @param prefixColumn column whose value starting with {@code prefix} marks a refund (null: no prefix rule)
     * @param prefix       the prefix, e.g. "C" for cancelled invoices
     * @param negative     a negative quantity or amount marks a refund
     */
    public record RefundRule(ColumnRef prefixColumn, String prefix, boolean negative) {
        public static final RefundRule NONE = new RefundRule(null, null, false);

        public RefundRule {
            if ((prefixColumn == null) != (prefix == null || prefix.isEmpty())) {
                throw new MappingException("a refund prefix rule needs both a column and a non-empty prefix");
            }
        }
    }

    private static final Set<String> KEYS = Set.of("name", "delimiter", "header", "customer.id",
            "customer.id.integer", "time", "time.pattern", "time.zone", "amount", "quantity", "unit.price",
            "refund.prefix", "refund.negative", "currency", "channel", "country", "category", "detect.header",
            "detect.line");
    private static final String ATTRIBUTE_PREFIX = "attribute.";

    public TransactionMapping {
        if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9._-]+")) {
            throw new MappingException("mapping name must be letters, digits, '.', '_' or '-', got '" + name + "'");
        }
        Objects.requireNonNull(customerId, () -> "mapping " + name + ": customer.id is required");
        Objects.requireNonNull(time, () -> "mapping " + name + ": time is required");
        Objects.requireNonNull(timeFormat, () -> "mapping " + name + ": time.pattern is required");
        if (amount == null && (quantity == null || unitPrice == null)) {
            throw new MappingException("mapping " + name + ": give amount, or both quantity and unit.price");
        }
        refundRule = refundRule == null ? RefundRule.NONE : refundRule;
        attributes = attributes == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        detectHeader = detectHeader == null ? List.of() : List.copyOf(detectHeader);
        if (!header) {
            for (ColumnRef ref : columns(customerId, time, amount, quantity, unitPrice, refundRule.prefixColumn(),
                    country, category, attributes.values())) {
                if (!ref.isPosition()) {
                    throw new MappingException("mapping " + name + ": without a header, columns are positions "
                            + "(#1, #2, ...), but '" + ref + "' is a name");
                }
            }
        }
    }

    /** Every column the mapping reads, for resolving against a header. */
    public List<ColumnRef> columns() {
        return columns(customerId, time, amount, quantity, unitPrice, refundRule.prefixColumn(), country, category,
                attributes.values());
    }

    private static List<ColumnRef> columns(ColumnRef customerId, ColumnRef time, ColumnRef amount, ColumnRef quantity,
                                           ColumnRef unitPrice, ColumnRef prefix, ColumnRef country,
                                           ColumnRef category, java.util.Collection<ColumnRef> attributes) {
        List<ColumnRef> out = new ArrayList<>();
        for (ColumnRef r : Arrays.asList(customerId, time, amount, quantity, unitPrice, prefix, country, category)) {
            if (r != null) {
                out.add(r);
            }
        }
        out.addAll(attributes);
        return out;
    }

    /** Loads a mapping file; {@code name} defaults to the file name without extension. */
    public static TransactionMapping load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        String fileName = file.getFileName().toString();
        return fromProperties(p, fileName.replaceFirst("\\.[^.]*$", ""), file.toString());
    }

    /** Loads a mapping from a classpath resource (the built-in mappings). */
    public static TransactionMapping loadResource(String resource) throws IOException {
        Properties p = new Properties();
        try (InputStream in = TransactionMapping.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no resource " + resource + " on the classpath");
            }
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        String base = resource.substring(resource.lastIndexOf('/') + 1).replaceFirst("\\.[^.]*$", "");
        return fromProperties(p, base, resource);
    }

    /**
     * Builds and validates a mapping from properties.
     *
     * @param defaultName used when the properties have no {@code name}
     * @param origin      where they came from, for messages
     */
    public static TransactionMapping fromProperties(Properties p, String defaultName, String origin) {
        String where = "mapping " + origin + ": ";
        Set<String> unknown = new TreeSet<>();
        for (String key : p.stringPropertyNames()) {
            if (!KEYS.contains(key) && !key.startsWith(ATTRIBUTE_PREFIX)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new MappingException(where + "unknown key(s) " + unknown + "; known keys are " + new TreeSet<>(KEYS)
                    + " and attribute.<name>");
        }
        try {
            String name = get(p, "name", defaultName);
            String delimiterText = get(p, "delimiter", "auto");
            Delimiter delimiter = delimiterText.equalsIgnoreCase("auto") ? null : Delimiter.parse(delimiterText);
            boolean header = bool(p, "header", true, where);
            ZoneId zone;
            try {
                zone = ZoneId.of(get(p, "time.zone", "UTC"));
            } catch (DateTimeException e) {
                throw new MappingException(where + "time.zone: " + e.getMessage());
            }
            String pattern = get(p, "time.pattern", null);
            if (pattern == null) {
                throw new MappingException(where + "time.pattern is required (a pattern such as yyyy-MM-dd HH:mm:ss, "
                        + "or iso, epoch-millis, epoch-seconds)");
            }
            TimeFormat timeFormat;
            try {
                timeFormat = new TimeFormat(pattern, zone);
            } catch (IllegalArgumentException e) {
                throw new MappingException(where + "time.pattern '" + pattern + "': " + e.getMessage());
            }
            RefundRule refund = RefundRule.NONE;
            String prefix = get(p, "refund.prefix", null);
            boolean negative = bool(p, "refund.negative", false, where);
            if (prefix != null) {
                int colon = prefix.lastIndexOf(':');
                if (colon <= 0 || colon == prefix.length() - 1) {
                    throw new MappingException(where + "refund.prefix must be <column>:<prefix>, e.g. InvoiceNo:C, "
                            + "got '" + prefix + "'");
                }
                refund = new RefundRule(ColumnRef.parse(prefix.substring(0, colon)), prefix.substring(colon + 1),
                        negative);
            } else if (negative) {
                refund = new RefundRule(null, null, true);
            }
            Map<String, ColumnRef> attributes = new LinkedHashMap<>();
            p.stringPropertyNames().stream().filter(k -> k.startsWith(ATTRIBUTE_PREFIX)).sorted().forEach(k -> {
                String attr = k.substring(ATTRIBUTE_PREFIX.length());
                if (attr.isBlank()) {
                    throw new MappingException(where + "'" + k + "' needs an attribute name after 'attribute.'");
                }
                attributes.put(attr, ColumnRef.parse(p.getProperty(k)));
            });
            String detectHeaderText = get(p, "detect.header", null);
            List<String> detectHeader = detectHeaderText == null ? List.of()
                    : Arrays.stream(detectHeaderText.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            String detectLineText = get(p, "detect.line", null);
            Pattern detectLine;
            try {
                detectLine = detectLineText == null ? null : Pattern.compile(detectLineText);
            } catch (PatternSyntaxException e) {
                throw new MappingException(where + "detect.line is not a valid regex: " + e.getDescription());
            }
            return new TransactionMapping(name, delimiter, header, column(p, "customer.id"),
                    bool(p, "customer.id.integer", false, where), column(p, "time"), timeFormat, column(p, "amount"),
                    column(p, "quantity"), column(p, "unit.price"), refund, get(p, "currency", null),
                    get(p, "channel", null), column(p, "country"), column(p, "category"), attributes, detectHeader,
                    detectLine);
        } catch (MappingException e) {
            throw e.getMessage().startsWith(where) ? e : new MappingException(where + e.getMessage());
        } catch (NullPointerException | IllegalArgumentException e) {
            throw new MappingException(where + e.getMessage());
        }
    }

    /**
     * Whether a file whose first line is {@code firstLine} looks like this mapping's format: every
     * {@code detect.header} name is in the header, or the line matches {@code detect.line}. A mapping with neither
     * never matches (it must be chosen by name).
     */
    public boolean matchesFirstLine(String firstLine) {
        if (firstLine == null) {
            return false;
        }
        String line = firstLine.replace("\r", "");
        if (detectLine != null && detectLine.matcher(line).matches()) {
            return true;
        }
        if (detectHeader.isEmpty()) {
            return false;
        }
        Delimiter d = delimiter != null ? delimiter : Delimiter.detect(line);
        String[] fields = d == Delimiter.WHITESPACE ? Delimiter.splitWhitespace(line)
                : line.split(Pattern.quote(String.valueOf(d.character())), -1);
        Set<String> present = new TreeSet<>();
        for (String f : fields) {
            present.add(f.strip().replace("\"", "").toLowerCase(Locale.ROOT));
        }
        return detectHeader.stream().allMatch(h -> present.contains(h.toLowerCase(Locale.ROOT)));
    }

    private static String get(Properties p, String key, String fallback) {
        String v = p.getProperty(key);
        return v == null || v.isBlank() ? fallback : v.strip();
    }

    private static boolean bool(Properties p, String key, boolean fallback, String where) {
        String v = get(p, key, null);
        if (v == null) {
            return fallback;
        }
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw new MappingException(where + key + " must be true or false, got '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }

    private static ColumnRef column(Properties p, String key) {
        String v = get(p, key, null);
        return v == null ? null : ColumnRef.parse(v);
    }
}
