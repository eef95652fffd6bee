package io.segmenta.analysis;

import io.segmenta.avro.SegmentModel;
import io.segmenta.schemas.files.ModelFile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnalyzeCommandTest {

    static Path resource(String name) {
        try {
            return Path.of(AnalyzeCommandTest.class.getResource("/analysis/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Exit code, stdout, stderr of one run. */
    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AnalyzeCommand command = new AnalyzeCommand().withStreams(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        CommandLine line = new CommandLine(command);
        line.setErr(new java.io.PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        int exit = line.execute(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertUserError(Run r, String fragment) {
        assertThat(r.exit()).as(r.err()).isEqualTo(AnalyzeCommand.EXIT_USER_ERROR);
        assertThat(r.err().strip()).contains(fragment).doesNotContain("Exception").doesNotContain("\tat ");
        // progress lines are "analyze: [n/N] ..." and "analyze:        detail"; the error is the only other one
        assertThat(r.err().lines().filter(l -> l.matches("analyze: [^\\[ ].*")).toList()).hasSize(1);
    }

    @Test
    void analysesASmallTableEndToEnd(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("report");
        Run r = run(resource("blobs.csv").toString(), "--k", "2..4", "--out", out.toString(), "--tsne-rows", "90");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("analyze: [1/11] reading").contains("[11/11] writing the report");
        assertThat(r.out()).contains("best: ").contains("with 3 segments");

        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("http://cdn").doesNotContain("<link ")
                .doesNotContain("src=\"http");
        assertThat(html.split("<svg class=\"chart\"", -1).length - 1).isEqualTo(10);

        List<String> assignments = Files.readAllLines(out.resolve("assignments.csv"));
        assertThat(assignments.get(0)).isEqualTo("id,segment,label");
        assertThat(assignments).hasSize(91);
        assertThat(assignments.get(1)).startsWith("C001,");

        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.path("best").path("k").asInt()).isEqualTo(3);
        assertThat(summary.path("rows").asInt()).isEqualTo(90);
        assertThat(summary.path("idColumn").asText()).isEqualTo("customer_id");
        assertThat(summary.path("featureSelection").toString()).contains("notes").contains("all 90 values are missing")
                .contains("constant");
        assertThat(summary.path("preprocessing").toString()).contains("missing filled with the median");
        assertThat(summary.path("candidates").size()).isGreaterThanOrEqualTo(3 * 5 + 3);
        // columns the assigner does not know: no model file, and the output says why
        assertThat(r.out()).contains("model: none (the streaming assigner scores the standard profile features");
        assertThat(out.resolve(AnalyzeCommand.MODEL_FILE)).doesNotExist();
    }

    @Test
    void aTransactionsAnalysisLeavesTheModelTheAssignerWouldServeBesideItsReport(@TempDir Path dir) {
        Path out = dir.resolve("report");
        Run r = run(resource("transactions.csv").toString(), "--mapping", "online-retail", "--k", "2..3",
                "--out", out.toString(), "--tsne-rows", "0", "--model-name", "trial");

        assertThat(r.exit()).as(r.err()).isZero();
        SegmentModel model = ModelFile.read(out.resolve(AnalyzeCommand.MODEL_FILE));
        assertThat(model.getModelName()).isEqualTo("trial");
        assertThat(model.getVersion()).isEqualTo(1);
        assertThat(model.getParentVersion()).isNull();
        assertThat(model.getSegments()).hasSizeBetween(2, 3);
        assertThat(r.out()).contains("model: " + out.resolve(AnalyzeCommand.MODEL_FILE).toAbsolutePath())
                .contains("--model-file");
    }

    @Test
    void knnImputationIsOfferedAndSaidToBeAnalysisOnly(@TempDir Path dir) throws IOException {
        Run r = run(resource("blobs.csv").toString(), "--k", "3", "--impute", "knn", "--tsne-rows", "0",
                "--out", dir.toString(), "--quiet");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(Files.readString(dir.resolve("summary.json"))).contains("KNN, analysis only");
    }

    @Test
    void userErrorsAreOneLineWithoutAStackTrace(@TempDir Path dir) throws IOException {
        assertUserError(run(dir.resolve("absent.csv").toString()), "no such file");
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        assertUserError(run(empty.toString()), "is empty");
        Path headerOnly = Files.writeString(dir.resolve("header.csv"), "a,b\n");
        assertUserError(run(headerOnly.toString()), "has a header but no data rows");
        assertUserError(run(resource("blobs.csv").toString(), "--id-column", "nope"), "no id column 'nope'");
        assertUserError(run(resource("blobs.csv").toString(), "--columns", "income,notes"),
                "'notes' named in --columns has no values");
        Path tiny = Files.writeString(dir.resolve("tiny.csv"), "x,y\n1,2\n3,4\n5,7\n");
        assertUserError(run(tiny.toString(), "--k", "5"), "too few for 5 segments");
        assertUserError(run(resource("blobs.csv").toString(), "--k", "ten"), "--k must be a number");
        assertUserError(run(resource("blobs.csv").toString(), "--impute", "mean"), "--impute must be median or knn");
        assertUserError(run(dir.toString()), "no built-in mapping");
    }

    @Test
    void publishIsRefusedForATableOfNonProfileColumns(@TempDir Path dir) {
        Run r = run(resource("blobs.csv").toString(), "--k", "3", "--tsne-rows", "0", "--out", dir.toString(),
                "--publish", "--bootstrap-servers", "localhost:1", "--schema-registry", "http://localhost:1");
        assertUserError(r, "--publish refused: the streaming assigner scores the standard profile features");
        assertThat(r.err()).contains("reads [spend, region]"); // income is a standard profile feature name
    }

    @Test
    void helpExplainsWhatCanBePublished() {
        String usage = new CommandLine(new AnalyzeCommand()).getUsageMessage();
        assertThat(usage).contains("--publish").contains("standard profile feature")
                .contains("--mapping").contains("--id-column");
    }
}
