package io.segmenta.transactions;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Objects;

/**
 * How a transactions file writes its times: a {@link DateTimeFormatter} pattern (a date-only pattern means the start
 * of that day), or one of {@code iso} (ISO-8601 with or without offset), {@code epoch-millis}, {@code epoch-seconds}.
 * Times without an offset are read in {@code zone}.
 */
public record TimeFormat(String pattern, ZoneId zone) {

    public static final String ISO = "iso";
    public static final String EPOCH_MILLIS = "epoch-millis";
    public static final String EPOCH_SECONDS = "epoch-seconds";

    public TimeFormat {
        Objects.requireNonNull(zone, "zone");
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("time pattern must not be blank");
        }
        pattern = pattern.strip();
        if (!pattern.equals(ISO) && !pattern.equals(EPOCH_MILLIS) && !pattern.equals(EPOCH_SECONDS)) {
            DateTimeFormatter.ofPattern(pattern, Locale.ROOT); // fails early with the formatter's own message
        }
    }

    /** Parses a compiled formatter once per reader; this record only validates and describes. */
    public Parser parser() {
        return switch (pattern) {
            case ISO -> this::parseIso;
            case EPOCH_MILLIS -> text -> Long.parseLong(text.strip());
            case EPOCH_SECONDS -> text -> Math.multiplyExact(Long.parseLong(text.strip()), 1000L);
            default -> {
                DateTimeFormatter formatter = DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
                yield text -> {
                    TemporalAccessor t = formatter.parseBest(text.strip(), LocalDateTime::from, LocalDate::from);
                    LocalDateTime local = t instanceof LocalDate d ? d.atStartOfDay() : (LocalDateTime) t;
                    return local.atZone(zone).toInstant().toEpochMilli();
                };
            }
        };
    }

    private long parseIso(String text) {
        String t = text.strip();
        try {
            return OffsetDateTime.parse(t).toInstant().toEpochMilli();
        } catch (DateTimeException e) {
            try {
                return Instant.parse(t).toEpochMilli();
            } catch (DateTimeException e2) {
                return LocalDateTime.parse(t).atZone(zone).toInstant().toEpochMilli();
            }
        }
    }

    /** Text to epoch milliseconds; throws a {@link DateTimeException} or {@link NumberFormatException} on bad text. */
    @FunctionalInterface
    public interface Parser {
        long epochMillis(String text);
    }
}
