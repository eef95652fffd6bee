package io.segmenta.streams;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class AssignerCommandTest {

    @TempDir
    Path dir;

    AssignerCommand parse(String... args) {
        AssignerCommand command = new AssignerCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void flagsOverrideTheFileAndDashDOverridesEverything() throws Exception {
        Path file = dir.resolve("assigner.properties");
        Files.writeString(file, """
                bootstrap.servers=file:9092
                schema.registry.url=http://file:8081
                segmenta.http.port=8000
                segmenta.half-life.days=14
                """);

        AssignerSettings s = parse("--config", file.toString(), "--bootstrap-servers", "flag:9092",
                "--schema-registry", "http://flag:8081", "--application-id", "assigner-eu", "--state-dir", "/var/lib/x",
                "--http-port", "9000", "--http-host", "0.0.0.0", "-D", "segmenta.http.port=9100",
                "-Dsecurity.protocol=SSL").settings();

        assertThat(s.clientProperties())
                .containsEntry("bootstrap.servers", "flag:9092")
                .containsEntry("application.id", "assigner-eu")
                .containsEntry("state.dir", "/var/lib/x")
                .containsEntry("security.protocol", "SSL");
        assertThat(s.registryProperties()).containsEntry("schema.registry.url", "http://flag:8081");
        assertThat(s.httpPort()).isEqualTo(9100);
        assertThat(s.httpHost()).isEqualTo("0.0.0.0");
        assertThat(s.halfLifeDays()).isEqualTo(14.0);
    }

    @Test
    void invalidSettingsAreAUsageErrorWithTheReason() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new AssignerCommand()).setErr(new PrintWriter(err));

        int code = cli.execute("--bootstrap-servers", "b:9092", "-D", "segmenta.dedup.size=-3");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value -3 for configuration segmenta.dedup.size");
    }

    @Test
    void anUnknownSegmentaKeyExitsWith2NamingIt() throws Exception {
        Path file = dir.resolve("assigner.properties");
        Files.writeString(file, "bootstrap.servers=b:9092\nschema.registry.url=http://r:8081\nsegmenta.htp.port=1\n");
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new AssignerCommand()).setErr(new PrintWriter(err));

        int code = cli.execute("--config", file.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("unknown setting segmenta.htp.port (did you mean segmenta.http.port?)");
    }

    @Test
    void aMissingRegistryUrlIsReportedBeforeAnythingStarts() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new AssignerCommand()).setErr(new PrintWriter(err));

        int code = cli.execute("--bootstrap-servers", "b:9092");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("schema.registry.url is required");
    }

    @Test
    void helpNamesTheCommand() {
        StringWriter out = new StringWriter();
        int code = new CommandLine(new AssignerCommand()).setOut(new PrintWriter(out)).execute("--help");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("Usage: assigner").contains("--config").contains("-D");
    }
}
