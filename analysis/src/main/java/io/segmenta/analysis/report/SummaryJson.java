package io.segmenta.analysis.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.segmenta.analysis.Analysis;
import io.segmenta.analysis.SegmentSummary;
import io.segmenta.analysis.cluster.BestSolutionRule;
import io.segmenta.analysis.cluster.Candidate;
import io.segmenta.analysis.cluster.Scores;
import io.segmenta.analysis.prepare.ColumnDecision;
import io.segmenta.analysis.table.ColumnProfile;
import io.segmenta.transactions.ReadSummary;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code summary.json}: the analysis in machine-readable form (inputs, decisions, every score, the chosen solution
 * and its segments). Non-finite numbers are written as null, so the file is strict JSON.
 */
public final class SummaryJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryJson() {
    }

    public static void write(Analysis a, Path file) throws IOException {
        MAPPER.writeValue(file.toFile(), tree(a));
    }

    public static Map<String, Object> tree(Analysis a) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("input", a.table().source());
        root.put("kind", a.transactions() == null ? "customer-table" : "transactions");
        root.put("rows", a.table().rows());
        root.put("idColumn", a.table().idColumn());
        root.put("seconds", num(a.seconds()));
        if (a.transactions() != null) {
            ReadSummary r = a.transactions().read();
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("files", r.files());
            t.put("rows", r.rows());
            t.put("events", r.events());
            t.put("purchases", r.purchases());
            t.put("refunds", r.refunds());
            t.put("rowsWithoutCustomerId", r.rowsWithoutCustomerId());
            t.put("unparseableRows", r.unparseableRows());
            t.put("rejectedByValidator", a.transactions().rejected());
            t.put("customers", a.table().rows());
            t.put("asOf", a.transactions().asOf().toString());
            root.put("transactions", t);
        }
        List<Map<String, Object>> columns = new ArrayList<>();
        for (ColumnProfile c : a.profiles()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("type", c.type().name());
            m.put("missing", c.missing());
            m.put("distinct", c.distinct());
            m.put("mean", num(c.mean()));
            m.put("sd", num(c.sd()));
            m.put("min", num(c.min()));
            m.put("median", num(c.median()));
            m.put("max", num(c.max()));
            m.put("skewness", num(c.skewness()));
            m.put("iqrOutliers", c.outliers());
            columns.add(m);
        }
        root.put("columns", columns);
        List<Map<String, Object>> decisions = new ArrayList<>();
        for (ColumnDecision d : a.selection().decisions()) {
            decisions.add(Map.of("column", d.column(), "kept", d.kept(), "reason", d.reason()));
        }
        root.put("featureSelection", decisions);
        root.put("preprocessing", a.prepared().steps());
        root.put("featureSpecHash", a.prepared().spec().getHash());
        root.put("dimension", a.prepared().dimension());
        BestSolutionRule rule = a.options().bestSolutionRule();
        List<Map<String, Object>> candidates = new ArrayList<>();
        for (Candidate c : a.candidates()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("algorithm", c.name());
            m.put("k", c.k());
            Scores s = c.scores();
            m.put("silhouette", num(s.silhouette()));
            m.put("silhouetteSampleSize", s.silhouetteSample());
            m.put("daviesBouldin", num(s.daviesBouldin()));
            m.put("calinskiHarabasz", num(s.calinskiHarabasz()));
            m.put("inertia", num(s.inertia()));
            m.put("bic", num(s.bic()));
            m.put("smallestSegmentShare", num(s.smallestShare()));
            m.put("noiseShare", num(s.noiseShare()));
            m.put("eligible", rule.isEligible(c));
            m.put("note", c.note());
            candidates.add(m);
        }
        root.put("candidates", candidates);
        Map<String, Object> best = new LinkedHashMap<>();
        best.put("algorithm", a.best().name());
        best.put("k", a.best().k());
        best.put("silhouette", num(a.best().scores().silhouette()));
        best.put("eligible", a.choice().eligible());
        best.put("rule", a.choice().rule());
        List<Map<String, Object>> segments = new ArrayList<>();
        for (SegmentSummary s : a.segments()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("label", s.label());
            m.put("suggestedAction", s.action());
            m.put("size", s.size());
            m.put("share", num(s.share()));
            m.put("means", finite(s.means()));
            m.put("zScores", finite(s.zScores()));
            segments.add(m);
        }
        best.put("segments", segments);
        root.put("best", best);
        root.put("warnings", a.warnings());
        Map<String, Object> timings = new LinkedHashMap<>();
        a.timings().forEach((k, v) -> timings.put(k, num(v)));
        root.put("timingsSeconds", timings);
        return root;
    }

    private static Double num(Double v) {
        return v == null || !Double.isFinite(v) ? null : v;
    }

    private static Map<String, Double> finite(Map<String, Double> m) {
        Map<String, Double> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, num(v)));
        return out;
    }
}
