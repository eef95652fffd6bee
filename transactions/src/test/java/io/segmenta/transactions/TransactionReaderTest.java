package io.segmenta.transactions;

import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransactionReaderTest {

    static Path resource(String name) {
        try {
            return Path.of(TransactionReaderTest.class.getResource("/data/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<CustomerEvent> read(TransactionReader reader, Path path, ReadSummary[] summary)
            throws IOException {
        List<CustomerEvent> events = new ArrayList<>();
        summary[0] = reader.read(path, events::add);
        return events;
    }

    @Test
    void readsADirectoryOfOnlineRetailFilesInNameOrderAndCountsWhatItSkips() throws IOException {
        ReadSummary[] s = new ReadSummary[1];
        List<CustomerEvent> events = read(new TransactionReader(TransactionMappings.builtIn("online-retail")),
                resource("online-retail-sample"), s);

        assertThat(s[0].files()).isEqualTo(2);
        assertThat(s[0].rows()).isEqualTo(8);
        assertThat(s[0].rowsWithoutCustomerId()).isEqualTo(2);
        assertThat(s[0].unparseableRows()).isEqualTo(1);
        assertThat(s[0].problems()).singleElement().asString()
                .contains("2010-12-01.csv row 5").contains("Quantity 'twelve'");
        assertThat(s[0].events()).isEqualTo(5).isEqualTo(events.size());
        assertThat(s[0].rows()).isEqualTo(s[0].events() + s[0].rowsWithoutCustomerId() + s[0].unparseableRows());
        assertThat(s[0].purchases()).isEqualTo(3);
        assertThat(s[0].refunds()).isEqualTo(2);
        assertThat(s[0].describe()).contains("2 rows without a customer id");

        CustomerEvent first = events.get(0);
        assertThat(first.getEventId()).isEqualTo("online-retail:2010-12-01.csv:1");
        assertThat(first.getCustomerId()).isEqualTo("17850"); // written as 17850.0
        assertThat(first.getAmount()).isEqualTo(15.30); // decimal, not 15.299999999999999
        assertThat(first.getQuantity()).isEqualTo(6);
        assertThat(first.getType()).isEqualTo(EventType.PURCHASE);
        assertThat(first.getCurrency()).isEqualTo("GBP");
        assertThat(first.getCountry()).isEqualTo("United Kingdom");
        assertThat(first.getProductCategory()).isEqualTo("85123A");
        assertThat(first.getAttributes()).containsEntry("invoice", "536365");
        // UK local time: December is GMT
        assertThat(first.getEventTime()).isEqualTo(Instant.parse("2010-12-01T08:26:00Z"));

        CustomerEvent cancellation = events.get(2);
        assertThat(cancellation.getType()).isEqualTo(EventType.REFUND);
        assertThat(cancellation.getAmount()).isEqualTo(27.50);
        assertThat(cancellation.getQuantity()).isEqualTo(1);

        CustomerEvent negativeQuantity = events.get(4);
        assertThat(negativeQuantity.getEventId()).isEqualTo("online-retail:2010-12-02.csv:2");
        assertThat(negativeQuantity.getType()).isEqualTo(EventType.REFUND);
        assertThat(negativeQuantity.getAmount()).isEqualTo(2.90);
        assertThat(s[0].firstEventTime()).isEqualTo(Instant.parse("2010-12-01T08:26:00Z"));
    }

    @Test
    void replayingTheSameFilesGivesTheSameEventIds() throws IOException {
        TransactionReader reader = new TransactionReader(TransactionMappings.builtIn("online-retail"));
        ReadSummary[] s = new ReadSummary[1];
        List<String> first = read(reader, resource("online-retail-sample"), s).stream()
                .map(CustomerEvent::getEventId).toList();
        List<String> second = read(reader, resource("online-retail-sample"), s).stream()
                .map(CustomerEvent::getEventId).toList();
        assertThat(first).isEqualTo(second).doesNotHaveDuplicates();
    }

    @Test
    void canEmitRowsWithoutACustomerIdForDeadLettering() throws IOException {
        ReadSummary[] s = new ReadSummary[1];
        List<CustomerEvent> events = read(new TransactionReader(TransactionMappings.builtIn("online-retail"))
                .emittingRowsWithoutCustomerId(), resource("online-retail-sample/2010-12-01.csv"), s);
        assertThat(s[0].rowsWithoutCustomerId()).isEqualTo(1);
        assertThat(events).filteredOn(e -> e.getCustomerId() == null).hasSize(1);
    }

    @Test
    void readsHeaderlessWhitespaceCdnowThroughItsMappingAlone() throws IOException {
        ReadSummary[] s = new ReadSummary[1];
        List<CustomerEvent> events = read(new TransactionReader(TransactionMappings.builtIn("cdnow")),
                resource("cdnow-sample.txt"), s);
        assertThat(events).hasSize(3);
        assertThat(events).extracting(CustomerEvent::getCustomerId).containsExactly("00001", "00002", "00002");
        assertThat(events.get(2).getAmount()).isEqualTo(77.0);
        assertThat(events.get(2).getQuantity()).isEqualTo(5);
        assertThat(events.get(1).getEventTime()).isEqualTo(Instant.parse("2021-01-12T00:00:00Z"));
        assertThat(s[0].unparseableRows()).isEqualTo(1);
        assertThat(s[0].problems().get(0)).contains("row 4").contains("'2021-01-13'");
    }

    @Test
    void detectsTheMappingFromTheFirstLine() throws IOException {
        assertThat(TransactionMappings.detect(resource("online-retail-sample")).map(TransactionMapping::name))
                .contains("online-retail");
        assertThat(TransactionMappings.detect(resource("cdnow-sample.txt")).map(TransactionMapping::name))
                .contains("cdnow");
    }

    @Test
    void aFileWithoutAMappedColumnIsAClearError(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("x.csv"), "InvoiceNo,Quantity\n1,2\n");
        TransactionReader reader = new TransactionReader(TransactionMappings.builtIn("online-retail"));
        assertThatThrownBy(() -> reader.read(file, e -> {
        })).isInstanceOf(MappingException.class)
                .hasMessageContaining("reads column CustomerID").hasMessageContaining("x.csv");
    }

    @Test
    void aMissingPathIsAnIoError(@TempDir Path dir) {
        TransactionReader reader = new TransactionReader(TransactionMappings.builtIn("cdnow"));
        assertThatThrownBy(() -> reader.read(dir.resolve("absent"), e -> {
        })).isInstanceOf(IOException.class);
    }
}
