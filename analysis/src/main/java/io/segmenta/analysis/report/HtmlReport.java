package io.segmenta.analysis.report;

import io.segmenta.analysis.Analysis;
import io.segmenta.analysis.SegmentSummary;
import io.segmenta.analysis.cluster.BestSolutionRule;
import io.segmenta.analysis.cluster.Candidate;
import io.segmenta.analysis.cluster.Method;
import io.segmenta.analysis.cluster.Scores;
import io.segmenta.analysis.prepare.ColumnDecision;
import io.segmenta.analysis.table.ColumnProfile;
import io.segmenta.analysis.table.ColumnType;
import io.segmenta.analysis.table.CorrelationMatrix;
import io.segmenta.analysis.view.Projection2D;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The analysis as one self-contained HTML file: inline CSS, charts as inline SVG, no network access needed. A tiny
 * inline script at the end counts the charts and, only when all of them are in the DOM, adds the marker element
 * {@code #report-ready} (what the headless-browser test looks for).
 */
public final class HtmlReport {

    /** Correlation heatmap columns at most (the most variable first would be arbitrary; table order is kept). */
    static final int MAX_HEATMAP_COLUMNS = 30;

    private final StringBuilder html = new StringBuilder(1 << 20);
    private int charts;

    private HtmlReport() {
    }

    /** The report's HTML. */
    public static String render(Analysis a) {
        return new HtmlReport().build(a);
    }

    /** Number of charts {@link #render} writes for this analysis (for tests). */
    public static int chartCount(Analysis a) {
        HtmlReport r = new HtmlReport();
        r.build(a);
        return r.charts;
    }

    private String build(Analysis a) {
        String title = "Segmentation analysis: " + fileName(a.table().source());
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(Svg.esc(title)).append("</title><style>").append(CSS)
                .append("</style></head><body>\n");
        html.append("<h1>").append(Svg.esc(title)).append("</h1>");
        html.append("<p class=\"meta\">").append(Svg.esc(a.table().source())).append(" · ").append(a.table().rows())
                .append(" customers · generated ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .append(String.format(Locale.ROOT, " · analysis took %.1f s", a.seconds())).append("</p>\n");
        summary(a);
        data(a);
        preparation(a);
        algorithms(a);
        views(a);
        interpretation(a);
        notes(a);
        html.append("<script>(function(){var want=").append(charts)
                .append(";var got=document.querySelectorAll('svg.chart').length;")
                .append("document.body.setAttribute('data-charts',String(got));")
                .append("if(got===want){var m=document.createElement('p');m.id='report-ready';")
                .append("m.className='ready';m.textContent='report ready: '+got+' charts';")
                .append("document.body.appendChild(m);}})();</script>\n</body></html>\n");
        return html.toString();
    }

    private void summary(Analysis a) {
        Candidate best = a.best();
        html.append("<section id=\"summary\"><h2>Result</h2><div class=\"box\"><p><b>Best: ")
                .append(Svg.esc(best.name())).append(" with ").append(best.k()).append(" segments</b>");
        Scores s = best.scores();
        html.append(" (silhouette ").append(fmt(s.silhouette())).append(", Davies-Bouldin ")
                .append(fmt(s.daviesBouldin())).append(", Calinski-Harabasz ").append(fmt(s.calinskiHarabasz()))
                .append(")</p><p class=\"rule\">Rule: ").append(Svg.esc(a.choice().rule())).append(".</p></div>");
        html.append("<table><tr><th>#</th><th>Segment</th><th>Customers</th><th>Share</th><th>Suggested action</th></tr>");
        for (SegmentSummary seg : a.segments()) {
            html.append("<tr><td><span class=\"dot\" style=\"background:").append(Svg.colour(seg.id()))
                    .append("\"></span>").append(seg.id()).append("</td><td>").append(Svg.esc(seg.label()))
                    .append("</td><td class=\"n\">").append(seg.size()).append("</td><td class=\"n\">")
                    .append(pct(seg.share())).append("</td><td>").append(Svg.esc(seg.action())).append("</td></tr>");
        }
        html.append("</table></section>\n");
    }

    private void data(Analysis a) {
        html.append("<section id=\"data\"><h2>1. Data profile</h2><ul>");
        for (String note : a.table().notes()) {
            html.append("<li>").append(Svg.esc(note)).append("</li>");
        }
        html.append("</ul><table><tr><th>Column</th><th>Type</th><th>Missing</th><th>Distinct</th><th>Mean</th>")
                .append("<th>Std</th><th>Min</th><th>Median</th><th>Max</th><th>Skew</th>")
                .append("<th title=\"outside [Q1 - 1.5 IQR, Q3 + 1.5 IQR]\">IQR outliers</th></tr>");
        for (ColumnProfile c : a.profiles()) {
            html.append("<tr><td>").append(Svg.esc(c.name())).append("</td><td>")
                    .append(c.type().name().toLowerCase(Locale.ROOT)).append("</td><td class=\"n\">").append(c.missing())
                    .append(c.missing() > 0 ? " (" + pct(c.missingShare()) + ")" : "").append("</td><td class=\"n\">")
                    .append(c.distinct()).append("</td>");
            if (c.type() == ColumnType.NUMERIC) {
                for (double v : new double[] {c.mean(), c.sd(), c.min(), c.median(), c.max(), c.skewness()}) {
                    html.append("<td class=\"n\">").append(Svg.num(v)).append("</td>");
                }
                html.append("<td class=\"n\">").append(c.outliers()).append("</td>");
            } else {
                html.append("<td colspan=\"7\" class=\"cat\">");
                List<String> top = c.topCategories().stream().limit(5)
                        .map(t -> t.value() + " (" + t.count() + ")").toList();
                html.append(Svg.esc(String.join(", ", top))).append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</table>");
        chart(DistributionChart.render("Distributions", a.profiles()));
        CorrelationMatrix cm = a.correlations();
        if (cm.names().size() >= 2) {
            int m = Math.min(cm.names().size(), MAX_HEATMAP_COLUMNS);
            double[][] r = new double[m][m];
            for (int i = 0; i < m; i++) {
                System.arraycopy(cm.r()[i], 0, r[i], 0, m);
            }
            List<String> names = cm.names().subList(0, m);
            chart(HeatmapChart.render("Correlation (Pearson r) of numeric columns", names, names, r, 1.0, null));
        }
        html.append("</section>\n");
    }

    private void preparation(Analysis a) {
        html.append("<section id=\"preparation\"><h2>2. Feature selection and preprocessing</h2>")
                .append("<table><tr><th>Column</th><th>Decision</th><th>Why</th></tr>");
        for (ColumnDecision d : a.selection().decisions()) {
            html.append("<tr class=\"").append(d.kept() ? "kept" : "dropped").append("\"><td>")
                    .append(Svg.esc(d.column())).append("</td><td>").append(d.kept() ? "kept" : "dropped")
                    .append("</td><td>").append(Svg.esc(d.reason())).append("</td></tr>");
        }
        html.append("</table><p>Each kept feature, in the order of the feature spec (").append(a.prepared().dimension())
                .append(" scaled dimensions; spec hash <code>")
                .append(a.prepared().spec().getHash(), 0, 12).append("</code>):</p><ul>");
        for (String step : a.prepared().steps()) {
            html.append("<li>").append(Svg.esc(step)).append("</li>");
        }
        html.append("</ul></section>\n");
    }

    private void algorithms(Analysis a) {
        html.append("<section id=\"algorithms\"><h2>3. Algorithms compared</h2>");
        List<Candidate> kmeans = of(a, Method.KMEANS);
        if (!kmeans.isEmpty()) {
            chart(LineChart.render("Elbow: K-Means inertia by k", "k (segments)", "inertia (within-segment SS)",
                    List.of(series("K-Means", kmeans, c -> c.scores().inertia(), Svg.colour(0))), bestK(a, Method.KMEANS),
                    true, true));
        }
        List<LineChart.Series> silhouettes = new ArrayList<>();
        int colour = 0;
        for (Method m : List.of(Method.KMEANS, Method.GMM, Method.WARD, Method.AVERAGE, Method.COMPLETE)) {
            List<Candidate> cs = of(a, m);
            if (!cs.isEmpty()) {
                silhouettes.add(series(m.displayName(), cs, c -> c.scores().silhouette(), Svg.colour(colour)));
            }
            colour++;
        }
        chart(LineChart.render("Silhouette by k", "k (segments)", "mean silhouette (sample)", silhouettes,
                a.best().method().takesK() ? a.best().k() : Double.NaN, true, true));
        List<Candidate> gmm = of(a, Method.GMM);
        if (!gmm.isEmpty()) {
            chart(LineChart.render("GMM: BIC by k (lower is better)", "k (segments)", "BIC",
                    List.of(series("GMM", gmm, c -> c.scores().bic(), Svg.colour(1))), bestK(a, Method.GMM), true,
                    true));
        }
        if (a.wardTree() != null) {
            int cut = a.best().k();
            chart(DendrogramChart.render("Dendrogram (Ward linkage, top " + Math.min(DendrogramChart.LEAVES,
                    a.wardTree().leaves()) + " clusters of " + a.wardTree().leaves() + " rows)", a.wardTree(), cut));
        }
        if (a.kDistance() != null) {
            double[] d = a.kDistance().sortedDistances();
            double[] xs = new double[d.length];
            for (int i = 0; i < d.length; i++) {
                xs[i] = i;
            }
            chart(LineChart.render("DBSCAN: sorted " + a.kDistance().k() + "-distance, eps at the knee = "
                            + Svg.num(a.kDistance().eps()), "rows (sorted)", a.kDistance().k() + "-NN distance",
                    List.of(new LineChart.Series("k-distance", xs, d, Svg.colour(2))), a.kDistance().kneeIndex(),
                    false, false));
        }
        BestSolutionRule rule = a.options().bestSolutionRule();
        html.append("<table><tr><th>Algorithm</th><th>k</th><th>Silhouette</th><th>Davies-Bouldin</th>")
                .append("<th>Calinski-Harabasz</th><th>Inertia</th><th>BIC</th><th>Smallest segment</th>")
                .append("<th>Noise</th><th>Eligible</th><th>Notes</th></tr>");
        for (Candidate c : a.candidates()) {
            Scores s = c.scores();
            boolean isBest = c == a.best();
            html.append("<tr").append(isBest ? " class=\"best\"" : "").append("><td>").append(Svg.esc(c.name()))
                    .append(isBest ? " ★" : "").append("</td><td class=\"n\">").append(c.k()).append("</td>");
            for (Double v : new Double[] {s.silhouette(), s.daviesBouldin(), s.calinskiHarabasz(), s.inertia(),
                    s.bic()}) {
                html.append("<td class=\"n\">").append(fmt(v)).append("</td>");
            }
            html.append("<td class=\"n\">").append(pct(s.smallestShare())).append("</td><td class=\"n\">")
                    .append(s.noiseShare() > 0 ? pct(s.noiseShare()) : "").append("</td><td>")
                    .append(rule.isEligible(c) ? "yes" : "no").append("</td><td class=\"note\">")
                    .append(Svg.esc(c.note())).append("</td></tr>");
        }
        html.append("</table></section>\n");
    }

    private void views(Analysis a) {
        html.append("<section id=\"views\"><h2>4. Two-dimensional views</h2>");
        List<String> legend = a.segments().stream().map(SegmentSummary::label).toList();
        for (Projection2D p : new Projection2D[] {a.pca(), a.tsne()}) {
            if (p == null) {
                continue;
            }
            int[] groups = new int[p.rows().length];
            for (int i = 0; i < groups.length; i++) {
                groups[i] = a.best().labels()[p.rows()[i]];
            }
            chart(ScatterChart.render(p.method() + " coloured by segment", p.xLabel(), p.yLabel(), p.points(), groups,
                    legend, a.options().seed()));
            html.append("<p class=\"note\">").append(p.method()).append(": ").append(Svg.esc(p.note())).append("</p>");
        }
        html.append("</section>\n");
    }

    private void interpretation(Analysis a) {
        html.append("<section id=\"segments\"><h2>5. Segments</h2>");
        List<String> features = new ArrayList<>(a.segments().get(0).zScores().keySet());
        for (SegmentSummary s : a.segments()) {
            for (String f : s.zScores().keySet()) {
                if (!features.contains(f)) {
                    features.add(f);
                }
            }
        }
        List<String> rows = a.segments().stream().map(s -> s.id() + ": " + s.label()).toList();
        double[][] z = new double[rows.size()][features.size()];
        String[][] texts = new String[rows.size()][features.size()];
        for (int i = 0; i < rows.size(); i++) {
            SegmentSummary s = a.segments().get(i);
            for (int j = 0; j < features.size(); j++) {
                Double v = s.zScores().get(features.get(j));
                Double m = s.means().get(features.get(j));
                z[i][j] = v == null ? Double.NaN : v;
                texts[i][j] = m == null ? "" : Svg.num(m);
            }
        }
        chart(HeatmapChart.render("Segment profiles: colour = z-score vs all customers, text = segment mean",
                rows, features, z, 2.0, texts));
        for (SegmentSummary s : a.segments()) {
            html.append("<div class=\"segment\"><h3><span class=\"dot\" style=\"background:")
                    .append(Svg.colour(s.id())).append("\"></span>Segment ").append(s.id()).append(": ")
                    .append(Svg.esc(s.label())).append("</h3><p>").append(s.size()).append(" customers (")
                    .append(pct(s.share())).append("). <i>").append(Svg.esc(s.action())).append("</i></p>")
                    .append("<table><tr><th>Feature</th><th>Segment mean</th><th>z-score</th></tr>");
            Map<String, Double> means = new LinkedHashMap<>(s.means());
            for (Map.Entry<String, Double> e : means.entrySet()) {
                Double zz = s.zScores().get(e.getKey());
                html.append("<tr><td>").append(Svg.esc(e.getKey())).append("</td><td class=\"n\">")
                        .append(Svg.num(e.getValue())).append("</td><td class=\"n\" style=\"background:")
                        .append(HeatmapChart.colour(zz == null ? Double.NaN : zz, 2.0)).append("\">")
                        .append(zz == null ? "" : String.format(Locale.ROOT, "%+.2f", zz)).append("</td></tr>");
            }
            html.append("</table></div>");
        }
        html.append("</section>\n");
    }

    private void notes(Analysis a) {
        html.append("<section id=\"notes\"><h2>6. Notes and timings</h2><ul>");
        for (String w : a.warnings()) {
            html.append("<li class=\"warn\">").append(Svg.esc(w)).append("</li>");
        }
        html.append("<li>Silhouettes are computed on a seeded sample of at most ").append(a.options().silhouetteSample())
                .append(" rows (O(s²) time, O(s) memory); the other metrics on all assigned rows.</li>")
                .append("<li>Publishing (<code>--publish</code>) sends K-Means and GMM models as they are; a winning "
                        + "hierarchical, DBSCAN or affinity-propagation solution is sent as its segment means with "
                        + "algorithm KMEANS (nearest mean), which is how the assigner would serve it.</li>");
        a.timings().forEach((stage, s) -> html.append("<li>").append(Svg.esc(stage))
                .append(String.format(Locale.ROOT, ": %.2f s", s)).append("</li>"));
        html.append("</ul></section>\n");
    }

    private void chart(String svg) {
        charts++;
        html.append("<figure>").append(svg).append("</figure>\n");
    }

    private static List<Candidate> of(Analysis a, Method m) {
        return a.candidates().stream().filter(c -> c.method() == m).toList();
    }

    private static double bestK(Analysis a, Method m) {
        return a.best().method() == m ? a.best().k() : Double.NaN;
    }

    private static LineChart.Series series(String name, List<Candidate> cs,
                                           java.util.function.Function<Candidate, Double> metric, String colour) {
        double[] xs = new double[cs.size()];
        double[] ys = new double[cs.size()];
        for (int i = 0; i < cs.size(); i++) {
            xs[i] = cs.get(i).k();
            Double v = metric.apply(cs.get(i));
            ys[i] = v == null ? Double.NaN : v;
        }
        return new LineChart.Series(name, xs, ys, colour);
    }

    private static String fmt(Double v) {
        return v == null ? "–" : Math.abs(v) >= 1000 ? String.format(Locale.ROOT, "%,.0f", v)
                : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    private static String fileName(String source) {
        int slash = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
        return slash >= 0 && slash < source.length() - 1 ? source.substring(slash + 1) : source;
    }

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px auto;max-width:1180px;\
            color:#222;padding:0 16px}
            h1{font-size:24px;margin-bottom:4px}h2{border-bottom:2px solid #4a7fb5;padding-bottom:4px;margin-top:36px}
            .meta{color:#666;margin-top:0}.box{background:#f3f7fb;border-left:4px solid #4a7fb5;padding:8px 14px}
            .rule{color:#555;font-size:13px}table{border-collapse:collapse;margin:12px 0;font-size:13px}
            th,td{border:1px solid #ddd;padding:3px 7px;text-align:left;vertical-align:top}th{background:#f4f4f4}
            td.n{text-align:right;font-variant-numeric:tabular-nums}td.cat{color:#555}td.note{color:#666;font-size:12px}
            tr.best{background:#fff6d5;font-weight:bold}tr.dropped td{color:#888}
            .dot{display:inline-block;width:10px;height:10px;border-radius:5px;margin-right:6px}
            figure{margin:16px 0;display:inline-block;vertical-align:top;margin-right:12px}
            .segment{border:1px solid #e4e4e4;border-radius:6px;padding:4px 14px;margin:12px 0}
            .note{color:#666;font-size:12px}.warn{color:#a40}.ready{color:#2a7;font-size:12px}
            """;
}
