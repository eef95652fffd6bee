package io.segmenta.app;

import io.segmenta.transactions.ReadSummary;
import io.segmenta.transactions.TransactionMappings;
import io.segmenta.transactions.TransactionReader;
import io.segmenta.transactions.synthetic.TruthTimeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ./segment generate} through the same command line main runs. */
class GenerateCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = SegmentCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void writesTransactionsAndTruthAndSaysHowToFeedThem() throws IOException {
        Path target = dir.resolve("gen");
        int code = run("generate", "--out", target.toString(), "--variant", "drifting", "--customers", "200",
                "--days", "30", "--seed", "5", "--drift-share", "0.1");

        assertThat(code).as(err.toString()).isZero();
        Path transactions = target.resolve("transactions.csv");
        assertThat(out.toString()).contains("wrote " + transactions).contains("wrote " + target.resolve("truth.csv"))
                .contains("20 of them switch behaviour")
                .contains("./segment demo --data " + transactions + " --mapping online-retail");

        Set<String> customers = new HashSet<>();
        ReadSummary s = new TransactionReader(TransactionMappings.builtIn("online-retail"))
                .read(transactions, e -> customers.add(e.getCustomerId()));
        assertThat(s.unparseableRows()).isZero();
        TruthTimeline truth = TruthTimeline.read(target.resolve("truth.csv"));
        assertThat(truth.customers()).hasSize(200).isEqualTo(customers);
        assertThat(truth.customers().stream().filter(c -> truth.switchTime(c).isPresent())).hasSize(20);
    }

    @Test
    void writesOneFilePerDayOnRequest() throws IOException {
        Path target = dir.resolve("daily");
        assertThat(run("generate", "--out", target.toString(), "--customers", "50", "--days", "5", "--by-day"))
                .as(err.toString()).isZero();
        try (var files = Files.list(target.resolve("transactions"))) {
            assertThat(files.map(p -> p.getFileName().toString())).isNotEmpty()
                    .allMatch(name -> name.matches("2011-01-0[1-5]\\.csv"));
        }
        assertThat(out.toString()).contains("--data " + target.resolve("transactions") + " --mapping online-retail");
    }

    @Test
    void badArgumentsExitWithCode2AndSayWhich() throws IOException {
        String o = dir.resolve("x").toString();
        assertThat(run("generate", "--out", o, "--variant", "sometimes")).isEqualTo(2);
        assertThat(err.toString()).contains("--variant").contains("stationary, drifting");

        assertThat(run("generate", "--out", o, "--customers", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--customers must be between 1");

        assertThat(run("generate", "--out", o, "--variant", "drifting", "--drift-share", "1.5")).isEqualTo(2);
        assertThat(err.toString()).contains("--drift-share must be between 0 and 1");

        assertThat(run("generate", "--out", o, "--drift-share", "0.3")).isEqualTo(2);
        assertThat(err.toString()).contains("--drift-share applies to --variant drifting only");

        assertThat(run("generate", "--out", o, "--start", "01/01/2011")).isEqualTo(2);
        assertThat(err.toString()).contains("--start must be a date yyyy-MM-dd");

        assertThat(run("generate", "--out", o, "--days", "many")).isEqualTo(2);
        assertThat(run("generate")).isEqualTo(2);
        assertThat(err.toString()).contains("--out");

        Path file = Files.writeString(dir.resolve("a-file"), "");
        assertThat(run("generate", "--out", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("is a file");
        assertThat(Files.exists(dir.resolve("x"))).isFalse();
    }
}
