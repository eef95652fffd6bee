package io.segmenta.fitting.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a segment looks like in original units.
 *
 * @param cluster cluster index in the fit
 * @param size    members
 * @param means   mean of each input feature over the members (missing values skipped), in feature order
 * @param zScores (segment mean - population mean) / population standard deviation, per feature
 */
public record SegmentProfile(int cluster, long size, Map<String, Double> means, Map<String, Double> zScores) {

    public SegmentProfile {
        means = Collections.unmodifiableMap(new LinkedHashMap<>(means));
        zScores = Collections.unmodifiableMap(new LinkedHashMap<>(zScores));
    }
}
