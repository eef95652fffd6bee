package io.segmenta.app.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Options of a demo run.
 *
 * @param data            {@code synthetic} or a path to a transactions file or folder
 * @param mapping         column mapping of a transactions file (name of a shipped one, or a file); null = detect
 * @param speed           0 = as fast as possible, otherwise event-time seconds replayed per wall-clock second
 * @param duration        stop after this long (null = when the data is done and the outputs settle)
 * @param customers       synthetic customers
 * @param days            synthetic days of history
 * @param window          the trainer's training window (event time)
 * @param k               segments: a number or a range such as 3..8
 * @param trainerSettings further {@code segmenta.*} settings of the trainer, over the demo's own (e.g.
 *                        {@code segmenta.features.read-at=window-end}); checked like the trainer's properties file
 * @param assignerSettings further settings of the assigner over the demo's own (e.g.
 *                        {@code segmenta.assign.distance-margin=0}); checked like the assigner's properties file
 */
public record DemoOptions(String data, String mapping, double speed, Duration duration, int customers, int days,
                          long seed, String schemaRegistryUrl, int kafkaPort, Path dataDir, int httpPort,
                          Duration window, String k, Path summaryFile, Map<String, String> trainerSettings,
                          Map<String, String> assignerSettings) {

    public DemoOptions {
        trainerSettings = trainerSettings == null ? Map.of() : Map.copyOf(trainerSettings);
        assignerSettings = assignerSettings == null ? Map.of() : Map.copyOf(assignerSettings);
    }

    public DemoOptions withK(String newK) {
        return new DemoOptions(data, mapping, speed, duration, customers, days, seed, schemaRegistryUrl, kafkaPort,
                dataDir, httpPort, window, newK, summaryFile, trainerSettings, assignerSettings);
    }
}
