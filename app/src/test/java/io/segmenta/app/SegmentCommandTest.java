package io.segmenta.app;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ./segment}'s exit codes for configuration errors, through the same command line main runs. */
class SegmentCommandTest {

    @Test
    void anUnknownSegmentaKeyStopsTheAssignerWithExitCode2NamingIt() {
        StringWriter err = new StringWriter();
        CommandLine cli = SegmentCommand.commandLine().setErr(new PrintWriter(err));

        int code = cli.execute("assigner", "--bootstrap-servers", "localhost:1", "--schema-registry",
                "http://localhost:1", "-D", "segmenta.topics.events=x");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("unknown setting segmenta.topics.events")
                .contains("did you mean segmenta.topic.events?");
    }

    @Test
    void anUnknownSegmentaKeyStopsTheTrainerWithExitCode2NamingIt() {
        PrintStream stderr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = SegmentCommand.commandLine().execute("trainer", "--bootstrap-servers", "localhost:1",
                    "--schema-registry", "http://localhost:1", "-D", "segmenta.refit.max-inertia=0.3");
        } finally {
            System.setErr(stderr);
        }

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown setting segmenta.refit.max-inertia")
                .contains("did you mean segmenta.refit.max-inertia-increase?");
    }
}
