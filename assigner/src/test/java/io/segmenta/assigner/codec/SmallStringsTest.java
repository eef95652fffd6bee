package io.segmenta.assigner.codec;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class SmallStringsTest {

    static String read(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        byte[] framed = new byte[utf8.length + 4];
        System.arraycopy(utf8, 0, framed, 2, utf8.length);
        return SmallStrings.decode(framed, 2, utf8.length);
    }

    @Test
    void aRepeatedValueDecodesToTheSameInstance() {
        String first = read("web");
        assertThat(first).isEqualTo("web");
        assertThat(read("web")).isSameAs(first);
        assertThat(read("Côte d’Ivoire")).isEqualTo("Côte d’Ivoire");
        assertThat(read("")).isEmpty();
    }

    @Test
    void encodingReusesTheBytesOfARepeatedValue() {
        byte[] first = SmallStrings.utf8("Big spenders – ünïcode");
        assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo("Big spenders – ünïcode");
        assertThat(SmallStrings.utf8(new String("Big spenders – ünïcode"))).isSameAs(first);
    }

    @Test
    void manyDistinctAndLongValuesStayCorrect() {
        for (int i = 0; i < 5_000; i++) { // far more values than slots: every slot is overwritten many times
            String s = "segment-" + i;
            assertThat(read(s)).isEqualTo(s);
            assertThat(new String(SmallStrings.utf8(s), StandardCharsets.UTF_8)).isEqualTo(s);
        }
        String longer = "x".repeat(SmallStrings.MAX_CACHED_LENGTH + 1);
        assertThat(read(longer)).isEqualTo(longer).isNotSameAs(read(longer));
    }

    @Test
    void threadsSharingTheCacheReadTheirOwnValues() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> wrong = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                wrong.add(pool.submit(() -> {
                    int mismatches = 0;
                    for (int i = 0; i < 50_000; i++) {
                        String s = "v" + ((i * 7 + thread) % 600);
                        if (!read(s).equals(s) || !new String(SmallStrings.utf8(s), StandardCharsets.UTF_8).equals(s)) {
                            mismatches++;
                        }
                    }
                    return mismatches;
                }));
            }
            for (Future<Integer> f : wrong) {
                assertThat(f.get()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }

}
