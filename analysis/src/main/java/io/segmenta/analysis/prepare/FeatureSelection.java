package io.segmenta.analysis.prepare;

import java.util.List;

/** The columns kept for clustering, in order, and a decision with its reason for every column considered. */
public record FeatureSelection(List<String> kept, List<ColumnDecision> decisions) {

    public FeatureSelection {
        kept = List.copyOf(kept);
        decisions = List.copyOf(decisions);
    }

    public List<ColumnDecision> dropped() {
        return decisions.stream().filter(d -> !d.kept()).toList();
    }
}
