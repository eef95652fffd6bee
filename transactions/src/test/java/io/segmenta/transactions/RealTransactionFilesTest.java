package io.segmenta.transactions;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The built-in mappings on the real files (skipped with a message when the shared data sets are absent). */
class RealTransactionFilesTest {

    @Test
    void onlineRetailByDay() throws IOException {
        Path dir = Datasets.require("online-retail-by-day");
        assertThat(TransactionMappings.detect(dir).map(TransactionMapping::name)).contains("online-retail");
        Set<String> customers = new HashSet<>();
        ReadSummary s = new TransactionReader(TransactionMappings.builtIn("online-retail"))
                .read(dir, e -> customers.add(e.getCustomerId()));
        System.out.println("online-retail: " + s.describe() + "; " + customers.size() + " customers");
        assertThat(s.files()).isEqualTo(305);
        assertThat(s.rows()).isEqualTo(541_909);
        assertThat(s.rowsWithoutCustomerId()).isEqualTo(135_080);
        assertThat(s.unparseableRows()).isZero();
        assertThat(customers).hasSize(4_372);
        assertThat(s.refunds()).isPositive();
    }

    @Test
    void cdnow() throws IOException {
        Path file = Datasets.require("cdnow-master.txt");
        assertThat(TransactionMappings.detect(file).map(TransactionMapping::name)).contains("cdnow");
        Set<String> customers = new HashSet<>();
        ReadSummary s = new TransactionReader(TransactionMappings.builtIn("cdnow"))
                .read(file, e -> customers.add(e.getCustomerId()));
        System.out.println("cdnow: " + s.describe() + "; " + customers.size() + " customers");
        assertThat(s.rows()).isEqualTo(69_659);
        assertThat(s.events()).isEqualTo(69_659);
        assertThat(customers).hasSize(23_544);
    }
}
