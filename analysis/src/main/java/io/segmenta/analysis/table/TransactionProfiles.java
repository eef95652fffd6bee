package io.segmenta.analysis.table;

import io.segmenta.assigner.events.EventRules;
import io.segmenta.assigner.events.EventValidator;
import io.segmenta.assigner.events.EventVerdict;
import io.segmenta.assigner.features.FeatureCatalog;
import io.segmenta.assigner.profile.CustomerProfile;
import io.segmenta.assigner.profile.ProfileFolder;
import io.segmenta.assigner.profile.ProfileSnapshot;
import io.segmenta.avro.FeatureKind;
import io.segmenta.analysis.UserError;
import io.segmenta.transactions.MappingException;
import io.segmenta.transactions.ReadSummary;
import io.segmenta.transactions.TransactionMapping;
import io.segmenta.transactions.TransactionReader;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Turns a transactions file (or directory) into a customer table of the core's profile features: every event is
 * validated ({@link EventValidator}) and folded ({@link ProfileFolder}) exactly as the streaming assigner does, and
 * each profile is read as of the latest event time in the data. The columns are named as in
 * {@link FeatureCatalog#standard()}, which is what makes a model built on them servable by the assigner.
 */
public final class TransactionProfiles {

    /** Used unless --columns names others: RFM plus the behaviour transactions carry. */
    public static final List<String> DEFAULT_FEATURES = List.of(FeatureCatalog.RECENCY_DAYS,
            FeatureCatalog.FREQUENCY, FeatureCatalog.MONETARY, FeatureCatalog.AVG_ORDER_VALUE,
            FeatureCatalog.REFUND_RATE, FeatureCatalog.CATEGORY_DIVERSITY, FeatureCatalog.TENURE_DAYS);

    /**
     * @param table    one row per customer, columns = standard profile features
     * @param read     what the reader made of the rows
     * @param rejected events the validator rejected, by check
     * @param asOf     the time profiles are read at
     */
    public record Result(CustomerTable table, ReadSummary read, Map<String, Long> rejected, Instant asOf) {
    }

    private TransactionProfiles() {
    }

    public static Result build(Path input, TransactionMapping mapping, double halfLifeDays, Consumer<Path> onFile) {
        ProfileFolder folder = new ProfileFolder(halfLifeDays, EventRules.DEFAULTS);
        EventValidator validator = EventValidator.withDefaults();
        long now = System.currentTimeMillis();
        Map<String, CustomerProfile> profiles = new TreeMap<>();
        Map<String, Long> rejected = new TreeMap<>();
        ReadSummary summary;
        try {
            summary = new TransactionReader(mapping).read(input, event -> {
                EventVerdict verdict = validator.validate(event, now);
                if (!verdict.accepted()) {
                    rejected.merge(verdict.check().name(), 1L, Long::sum);
                    return;
                }
                folder.fold(profiles.computeIfAbsent(event.getCustomerId(), id -> folder.newProfile()), event);
            }, onFile);
        } catch (MappingException e) {
            throw new UserError(e.getMessage());
        } catch (IOException e) {
            throw new UserError("cannot read " + input + ": " + e.getMessage());
        }
        if (profiles.isEmpty()) {
            throw new UserError("no customer events in " + input + " (" + summary.describe() + ")");
        }
        long asOf = profiles.values().stream().mapToLong(CustomerProfile::lastEventMillis).max().orElseThrow();
        List<String> ids = new ArrayList<>(profiles.keySet());
        List<ProfileSnapshot> snapshots = profiles.values().stream().map(p -> p.asOf(asOf)).toList();
        List<TableColumn> columns = new ArrayList<>();
        FeatureCatalog catalog = FeatureCatalog.standard();
        for (String name : catalog.names()) {
            String[] texts = new String[ids.size()];
            if (catalog.kindOf(name).orElseThrow() == FeatureKind.NUMERIC) {
                for (int i = 0; i < texts.length; i++) {
                    double v = snapshots.get(i).numeric(name);
                    texts[i] = Double.isNaN(v) ? null : Double.toString(v);
                }
            } else {
                for (int i = 0; i < texts.length; i++) {
                    texts[i] = snapshots.get(i).category(name);
                }
            }
            columns.add(CustomerTable.typed(name, texts));
        }
        List<String> notes = new ArrayList<>();
        notes.add("transactions read with mapping '" + mapping.name() + "': " + summary.describe());
        if (!rejected.isEmpty()) {
            notes.add("events rejected by the validator: " + rejected);
        }
        notes.add(ids.size() + " customers; profile features folded with a half-life of " + halfLifeDays
                + " days, read as of the latest event " + Instant.ofEpochMilli(asOf));
        CustomerTable table = new CustomerTable(input.toString(), "customer_id", ids, columns, notes);
        return new Result(table, summary, rejected, Instant.ofEpochMilli(asOf));
    }
}
