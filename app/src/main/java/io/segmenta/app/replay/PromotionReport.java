package io.segmenta.app.replay;

import io.segmenta.avro.LineageEvent;
import io.segmenta.avro.SegmentModel;

import java.util.Map;
import java.util.TreeMap;

/** The Markdown section a promoting replay adds to its report: the version published, its ids and lineage. */
final class PromotionReport {

    private PromotionReport() {
    }

    static String markdown(ModelPromotion.Promoted promoted) {
        SegmentModel m = promoted.model();
        StringBuilder out = new StringBuilder();
        out.append("\n## Promoted\n\n");
        out.append("'").append(m.getModelName()).append("' v").append(m.getVersion())
                .append(m.getParentVersion() == null ? " (the lineage's first version)" : " (parent v" + m.getParentVersion() + ")")
                .append(", valid from ").append(m.getValidFrom())
                .append("; lineage from the segments of ").append(promoted.overlapCustomers())
                .append(" customers, live and replayed.\n\n");
        out.append("| replayed segment | published as |\n|---|---|\n");
        for (Map.Entry<Integer, Integer> e : new TreeMap<>(promoted.ids()).entrySet()) {
            out.append("| ").append(e.getKey()).append(" | ").append(e.getValue()).append(" |\n");
        }
        out.append("\n| lineage | from | to | member overlap |\n|---|---|---|---|\n");
        for (LineageEvent e : m.getLineage()) {
            out.append("| ").append(e.getKind()).append(" | ").append(e.getFromSegments()).append(" | ")
                    .append(e.getToSegments()).append(" | ")
                    .append(e.getOverlap() == null ? "–" : String.format(java.util.Locale.ROOT, "%.2f", e.getOverlap()))
                    .append(" |\n");
        }
        return out.toString();
    }
}
