package io.segmenta.transactions.synthetic;

import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.EventType;
import io.segmenta.transactions.ReadSummary;
import io.segmenta.transactions.TransactionMappings;
import io.segmenta.transactions.TransactionReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The generated files read back through the importer exactly as the demo would read them, and agree with the truth. */
class GeneratedDataReadBackTest {

    private static final GeneratorOptions OPTIONS = GeneratorOptions.defaults().withCustomers(400).withDays(60)
            .withStart(LocalDate.of(2011, 3, 1)) // spans the clock change of 27 March
            .withVariant(Variant.DRIFTING).withSeed(11);

    @TempDir
    static Path dir;
    static SyntheticDataset.Written written;
    static ReadSummary summary;
    static List<CustomerEvent> events = new ArrayList<>();

    @BeforeAll
    static void generateAndRead() throws IOException {
        written = SyntheticDataset.write(OPTIONS, dir.resolve("single"), SyntheticDataset.Layout.SINGLE_FILE);
        summary = onlineRetail().read(written.transactions(), events::add);
    }

    private static TransactionReader onlineRetail() {
        return new TransactionReader(TransactionMappings.builtIn(TransactionMappings.ONLINE_RETAIL));
    }

    @Test
    void everyRowBecomesAnEventThroughTheOnlineRetailMapping() {
        assertThat(summary.unparseableRows()).as(summary.describe()).isZero();
        assertThat(summary.rowsWithoutCustomerId()).isZero();
        assertThat(summary.problems()).isEmpty();
        assertThat(summary.rows()).isEqualTo(written.rows()).isEqualTo(summary.events()).isEqualTo(events.size());
        assertThat(summary.refunds()).isPositive();
        assertThat(summary.purchases()).isGreaterThan(10 * summary.refunds());
    }

    @Test
    void theLayoutIsDetectedAsOnlineRetailFromTheHeader() throws IOException {
        assertThat(TransactionMappings.detect(written.transactions())).get()
                .extracting(m -> m.name()).isEqualTo(TransactionMappings.ONLINE_RETAIL);
        assertThat(Files.readAllLines(written.transactions()).get(0)).isEqualTo(OnlineRetailWriter.HEADER);
    }

    @Test
    void eventsLieWithinTheTimelineInTimeOrder() {
        Instant start = OPTIONS.start().atStartOfDay(TruthTimeline.ZONE).toInstant();
        Instant end = OPTIONS.end().atStartOfDay(TruthTimeline.ZONE).toInstant();
        assertThat(summary.firstEventTime()).isAfterOrEqualTo(start);
        assertThat(summary.lastEventTime()).isBefore(end);
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).getEventTime()).isAfterOrEqualTo(events.get(i - 1).getEventTime());
        }
    }

    @Test
    void cancellationsAreRefundsWithPositiveAmountsAndCInvoices() {
        for (CustomerEvent e : events) {
            assertThat(e.getAmount()).isPositive();
            assertThat(e.getAttributes().get("invoice").startsWith("C")).isEqualTo(e.getType() == EventType.REFUND);
        }
    }

    @Test
    void theTruthNamesExactlyTheCustomersOfTheEventsWithTheSameIds() throws IOException {
        TruthTimeline truth = TruthTimeline.read(written.truth());
        Set<String> inData = new HashSet<>();
        events.forEach(e -> inData.add(e.getCustomerId()));

        assertThat(truth.customers()).hasSize(OPTIONS.customers()).isEqualTo(inData);
        assertThat(Files.readString(written.transactions())).contains(",30001.0,"); // written as Online Retail does
        assertThat(truth.customers()).contains("30001").doesNotContain("30001.0");
        for (CustomerEvent e : events) {
            assertThat(truth.behaviourAt(e.getCustomerId(), e.getEventTime())).isIn(Behaviours.names());
        }
    }

    @Test
    void aFolderOfDailyFilesReadsBackToTheSameEventsOtherThanTheirIds() throws IOException {
        SyntheticDataset.Written byDay = SyntheticDataset.write(OPTIONS, dir.resolve("by-day"),
                SyntheticDataset.Layout.BY_DAY);
        List<CustomerEvent> daily = new ArrayList<>();
        ReadSummary s = onlineRetail().read(byDay.transactions(), daily::add);

        assertThat(s.files()).isEqualTo(byDay.files()).isBetween(OPTIONS.days() - 1, OPTIONS.days());
        assertThat(s.unparseableRows()).isZero();
        assertThat(s.events()).isEqualTo(summary.events());
        for (int i = 0; i < daily.size(); i++) {
            CustomerEvent a = daily.get(i);
            CustomerEvent b = events.get(i);
            assertThat(a.getCustomerId()).isEqualTo(b.getCustomerId());
            assertThat(a.getEventTime()).isEqualTo(b.getEventTime());
            assertThat(a.getAmount()).isEqualTo(b.getAmount());
        }
        assertThat(Files.readString(byDay.truth())).isEqualTo(Files.readString(written.truth()));
    }

    @Test
    void aSecondRunIntoANonEmptyDailyFolderIsRefused() throws IOException {
        SyntheticDataset.write(OPTIONS, dir.resolve("twice"), SyntheticDataset.Layout.BY_DAY);
        assertThatThrownBy(() -> SyntheticDataset.write(OPTIONS, dir.resolve("twice"), SyntheticDataset.Layout.BY_DAY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not empty");
    }
}
