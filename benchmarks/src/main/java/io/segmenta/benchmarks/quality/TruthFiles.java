package io.segmenta.benchmarks.quality;

import java.io.IOException;
import java.nio.file.Path;

/** Reads a truth timeline file written by the independent generator. */
final class TruthFiles {

    private TruthFiles() {
    }

    static Truth read(Path file) throws IOException {
        throw new IllegalArgumentException("truth files need the generator's TruthTimeline (branch gen): " + file);
    }
}
