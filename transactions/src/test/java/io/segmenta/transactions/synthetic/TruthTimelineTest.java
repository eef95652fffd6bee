package io.segmenta.transactions.synthetic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TruthTimelineTest {

    @TempDir
    Path dir;

    private TruthTimeline write(String text) throws IOException {
        Path file = dir.resolve("truth.csv");
        Files.writeString(file, text);
        return TruthTimeline.read(file);
    }

    @Test
    void aSwitchTakesEffectAtMidnightLondonTimeOfItsDate() throws IOException {
        TruthTimeline t = write("""
                customer_id,from,behaviour
                30001,2011-01-01,regular
                30002,2011-06-10,occasional
                30002,2011-01-01,wholesale
                """);
        Instant switchAt = Instant.parse("2011-06-09T23:00:00Z"); // midnight in London (BST)

        assertThat(t.customers()).containsExactlyInAnyOrder("30001", "30002");
        assertThat(t.behaviourAt("30002", switchAt.minusMillis(1))).isEqualTo("wholesale");
        assertThat(t.behaviourAt("30002", switchAt)).isEqualTo("occasional");
        assertThat(t.behaviourAt("30002", Instant.parse("2010-06-01T00:00:00Z"))).isEqualTo("wholesale");
        assertThat(t.switchTime("30002")).contains(switchAt);
        assertThat(t.switchTime("30001")).isEmpty();
        assertThat(t.behaviourAt("30001", Instant.parse("2012-01-01T00:00:00Z"))).isEqualTo("regular");
        assertThat(t.behaviourAt("99999", switchAt)).isNull();
        assertThat(t.switchTime("99999")).isEmpty();
        assertThat(t.behaviours()).containsExactly("occasional", "regular", "wholesale");
    }

    @Test
    void readsWhatTheGeneratorWrites() throws IOException {
        Path file = dir.resolve("written.csv");
        TruthFile.write(List.of(new TruthRow("30001", LocalDate.of(2011, 1, 1), "regular"),
                new TruthRow("30001", LocalDate.of(2011, 2, 15), "premium-returner")), file);

        TruthTimeline t = TruthTimeline.read(file);
        assertThat(Files.readAllLines(file)).containsExactly("customer_id,from,behaviour", "30001,2011-01-01,regular",
                "30001,2011-02-15,premium-returner");
        assertThat(t.switchTime("30001")).contains(Instant.parse("2011-02-15T00:00:00Z"));
        assertThat(t.initialBehaviour("30001")).isEqualTo("regular");
    }

    @Test
    void refusesAFileThatIsNotATruthFile() throws IOException {
        assertThatThrownBy(() -> write("id,behaviour\n1,a\n")).isInstanceOf(IOException.class)
                .hasMessageContaining("customer_id,from,behaviour");
        assertThatThrownBy(() -> write("customer_id,from,behaviour\n1,01/02/2011,a\n")).isInstanceOf(IOException.class)
                .hasMessageContaining("line 2").hasMessageContaining("yyyy-MM-dd");
    }
}
