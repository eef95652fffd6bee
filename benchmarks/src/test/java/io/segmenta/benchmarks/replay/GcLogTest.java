package io.segmenta.benchmarks.replay;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GcLogTest {

    @Test
    void takesThePeaksBeforeAndAfterThePauses() {
        GcLog log = GcLog.parse(List.of(
                "[0.010s][info][gc] Using G1",
                "[0.512s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 25M->4M(258M) 3.123ms",
                "[1.100s][info][gc] GC(1) Pause Young (Concurrent Start) (G1 Humongous Allocation) 180M->96M(258M) 8.0ms",
                "[1.200s][info][gc] GC(2) Concurrent Mark Cycle 40.1ms",
                "[1.300s][info][gc] GC(2) Pause Remark 100M->90M(258M) 1.2ms",
                "[2.000s][info][gc] GC(3) Pause Full (System.gc()) 1G->512K(1G) 30.0ms"));
        assertThat(log.pauses()).isEqualTo(4);
        assertThat(log.peakBeforeMb()).isCloseTo(1024, within(1e-9));
        assertThat(log.peakAfterMb()).isCloseTo(96, within(1e-9));
        assertThat(log.describe("1g")).isEqualTo("96 MB after GC (before GC 1024 MB, 4 pauses), -Xmx1g");
    }

    @Test
    void aRunWithoutPausesSaysSo() {
        GcLog log = GcLog.parse(List.of("[0.010s][info][gc] Using G1"));
        assertThat(log.pauses()).isZero();
        assertThat(log.describe("512m")).isEqualTo("no GC pause (-Xmx512m)");
    }
}
