package io.segmenta.app.demo;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SettingOverridesTest {

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        SettingOverrides overrides = new SettingOverrides();
    }

    @Test
    void repeatedKeyValueOptionsBecomeTheTrainersAndTheAssignersSettings() {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs("--trainer-setting", "segmenta.features.read-at=window-end",
                "--trainer-setting", "segmenta.k=4", "--assigner-setting", "segmenta.assign.distance-margin=0.3");

        assertThat(probe.overrides.trainer()).isEqualTo(Map.of("segmenta.features.read-at", "window-end",
                "segmenta.k", "4"));
        assertThat(probe.overrides.assigner()).isEqualTo(Map.of("segmenta.assign.distance-margin", "0.3"));
    }

    @Test
    void withoutThemThereAreNone() {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs();

        assertThat(probe.overrides.trainer()).isEmpty();
        assertThat(probe.overrides.assigner()).isEmpty();
    }
}
