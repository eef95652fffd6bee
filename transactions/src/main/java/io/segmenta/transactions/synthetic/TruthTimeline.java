package io.segmenta.transactions.synthetic;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The truth of a generated data set over time, read from {@code truth.csv}: which behaviour each customer follows at
 * any instant. A {@code from} date starts at midnight in {@link #ZONE}, the zone the online-retail mapping reads the
 * data's times in, so a switch and the purchases after it agree. Immutable; safe to share between threads.
 */
public final class TruthTimeline {

    /** The data's local time zone (the online-retail mapping's {@code time.zone}). */
    public static final ZoneId ZONE = ZoneId.of("Europe/London");

    private record Period(Instant from, String behaviour) {
    }

    private final Map<String, List<Period>> periods;

    private TruthTimeline(Map<String, List<Period>> periods) {
        this.periods = periods;
    }

    /** Reads {@code truth.csv} (header {@value TruthFile#HEADER}); dates start in {@link #ZONE}. */
    public static TruthTimeline read(Path file) throws IOException {
        return read(file, ZONE);
    }

    public static TruthTimeline read(Path file, ZoneId zone) throws IOException {
        Map<String, List<Period>> periods = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || !header.replace("\uFEFF", "").strip().equals(TruthFile.HEADER)) {
                throw new IOException(file + ": not a truth file, the first line must be " + TruthFile.HEADER
                        + " but is " + header);
            }
            String line;
            int number = 1;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != 3 || f[0].isBlank() || f[2].isBlank()) {
                    throw new IOException(file + " line " + number + ": expected customer_id,from,behaviour, got '"
                            + line + "'");
                }
                Instant from;
                try {
                    from = LocalDate.parse(f[1].strip()).atStartOfDay(zone).toInstant();
                } catch (DateTimeException e) {
                    throw new IOException(file + " line " + number + ": '" + f[1] + "' is not a yyyy-MM-dd date");
                }
                periods.computeIfAbsent(f[0].strip(), id -> new ArrayList<>()).add(new Period(from, f[2].strip()));
            }
        }
        Map<String, List<Period>> sorted = new HashMap<>();
        periods.forEach((id, list) -> {
            list.sort(Comparator.comparing(Period::from));
            sorted.put(id, List.copyOf(list));
        });
        return new TruthTimeline(Collections.unmodifiableMap(sorted));
    }

    /**
     * The behaviour the customer follows at {@code t}: that of their last period starting at or before {@code t};
     * before their first period, the first one (customers exist from the start, with a history before it). Null for
     * a customer not in the truth.
     */
    public String behaviourAt(String customerId, Instant t) {
        List<Period> list = periods.get(customerId);
        if (list == null) {
            return null;
        }
        String behaviour = list.get(0).behaviour();
        for (Period p : list) {
            if (p.from().isAfter(t)) {
                break;
            }
            behaviour = p.behaviour();
        }
        return behaviour;
    }

    /** Every customer of the truth. */
    public Set<String> customers() {
        return periods.keySet();
    }

    /** When the customer switches behaviour (their second period's start); empty when they never do or are unknown. */
    public Optional<Instant> switchTime(String customerId) {
        List<Period> list = periods.get(customerId);
        return list == null || list.size() < 2 ? Optional.empty() : Optional.of(list.get(1).from());
    }

    /** The behaviour on the first day. Null for an unknown customer. */
    public String initialBehaviour(String customerId) {
        List<Period> list = periods.get(customerId);
        return list == null ? null : list.get(0).behaviour();
    }

    /** Every behaviour named in the truth. */
    public Set<String> behaviours() {
        Set<String> out = new java.util.TreeSet<>();
        periods.values().forEach(list -> list.forEach(p -> out.add(p.behaviour())));
        return out;
    }
}
