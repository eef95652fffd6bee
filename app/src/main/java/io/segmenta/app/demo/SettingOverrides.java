package io.segmenta.app.demo;

import picocli.CommandLine.Option;

import java.util.Map;

/**
 * The trainer and assigner settings a demo run (and the quality benchmark, which runs the demo's runtime) takes over
 * the demo's own: a picocli mixin, so both commands spell and describe them the same way.
 */
public final class SettingOverrides {

    @Option(names = "--trainer-setting", paramLabel = "KEY=VALUE", description = "A trainer setting over the demo's "
            + "own, e.g. segmenta.features.read-at=window-end (repeatable; an unknown key stops the start).")
    Map<String, String> trainer;

    @Option(names = "--assigner-setting", paramLabel = "KEY=VALUE", description = "An assigner setting over the "
            + "demo's own, e.g. segmenta.assign.distance-margin=0 (repeatable; an unknown key stops the start).")
    Map<String, String> assigner;

    /** The trainer settings given, possibly none. */
    public Map<String, String> trainer() {
        return trainer == null ? Map.of() : Map.copyOf(trainer);
    }

    /** The assigner settings given, possibly none. */
    public Map<String, String> assigner() {
        return assigner == null ? Map.of() : Map.copyOf(assigner);
    }
}
