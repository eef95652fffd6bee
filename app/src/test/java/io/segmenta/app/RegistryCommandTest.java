package io.segmenta.app;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class RegistryCommandTest {

    @Test
    void servesTheContractsAndStopsAfterTheDuration() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = SegmentCommand.commandLine().execute("registry", "--port", "0", "--duration", "PT0.2S");
        } finally {
            System.setOut(original);
        }

        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(exit).isZero();
        assertThat(out).containsPattern("at http://127\\.0\\.0\\.1:\\d+")
                .contains("customer-events-value").contains("io.segmenta.avro.CustomerEvent")
                .contains("segment-models-value").contains("segment-drift-value");
    }

    @Test
    void anUnknownCommandFailsWithUsage() {
        assertThat(SegmentCommand.commandLine().execute("no-such-command")).isNotZero();
    }
}
