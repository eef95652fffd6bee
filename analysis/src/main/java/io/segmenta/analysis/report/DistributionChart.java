package io.segmenta.analysis.report;

import io.segmenta.analysis.table.ColumnProfile;
import io.segmenta.analysis.table.ColumnType;
import io.segmenta.analysis.table.Histogram;

import java.util.List;

/**
 * Small multiples, one panel per column: a histogram for a numeric column, bars of the most frequent values for a
 * categorical one. One SVG for all panels keeps the report's chart count independent of the column count.
 */
final class DistributionChart {

    static final int MAX_PANELS = 30;
    private static final int PANEL_W = 200;
    private static final int PANEL_H = 120;
    private static final int PER_ROW = 4;

    private DistributionChart() {
    }

    static String render(String title, List<ColumnProfile> columns) {
        List<ColumnProfile> shown = columns.stream().filter(c -> c.type() != ColumnType.EMPTY).limit(MAX_PANELS)
                .toList();
        int rows = Math.max(1, (shown.size() + PER_ROW - 1) / PER_ROW);
        int w = PER_ROW * PANEL_W + 20;
        int h = 30 + rows * PANEL_H;
        StringBuilder b = Svg.open(w, h, title, "distributions");
        for (int p = 0; p < shown.size(); p++) {
            double x0 = 10 + (p % PER_ROW) * PANEL_W;
            double y0 = 30 + (p / PER_ROW) * PANEL_H;
            ColumnProfile c = shown.get(p);
            String name = c.name().length() > 30 ? c.name().substring(0, 29) + "…" : c.name();
            b.append("<text x=\"").append(Svg.c(x0 + PANEL_W / 2.0)).append("\" y=\"").append(Svg.c(y0 + 12))
                    .append("\" text-anchor=\"middle\" font-weight=\"bold\">").append(Svg.esc(name)).append("</text>");
            if (c.type() == ColumnType.NUMERIC) {
                histogram(b, c.histogram(), x0 + 8, y0 + 18, PANEL_W - 16, PANEL_H - 44);
            } else {
                bars(b, c, x0 + 8, y0 + 18, PANEL_W - 16, PANEL_H - 30);
            }
        }
        return b.append("</svg>").toString();
    }

    private static void histogram(StringBuilder b, Histogram hist, double x, double y, double w, double h) {
        long max = 1;
        for (long n : hist.counts()) {
            max = Math.max(max, n);
        }
        int bins = hist.counts().length;
        double bw = w / bins;
        for (int i = 0; i < bins; i++) {
            double bh = h * hist.counts()[i] / max;
            b.append("<rect x=\"").append(Svg.c(x + i * bw)).append("\" y=\"").append(Svg.c(y + h - bh))
                    .append("\" width=\"").append(Svg.c(Math.max(bw - 1, 0.5))).append("\" height=\"")
                    .append(Svg.c(bh)).append("\" fill=\"#4a7fb5\"><title>").append(Svg.num(hist.edges()[i]))
                    .append(" – ").append(Svg.num(hist.edges()[i + 1])).append(": ").append(hist.counts()[i])
                    .append("</title></rect>");
        }
        Svg.line(b, x, y + h, x + w, y + h, "#999");
        Svg.text(b, x, y + h + 12, "start", Svg.num(hist.edges()[0]));
        Svg.text(b, x + w, y + h + 12, "end", Svg.num(hist.edges()[bins]));
    }

    private static void bars(StringBuilder b, ColumnProfile c, double x, double y, double w, double h) {
        List<ColumnProfile.CategoryCount> top = c.topCategories().stream().limit(5).toList();
        int max = top.stream().mapToInt(ColumnProfile.CategoryCount::count).max().orElse(1);
        double rowH = h / Math.max(top.size(), 1);
        for (int i = 0; i < top.size(); i++) {
            ColumnProfile.CategoryCount cc = top.get(i);
            double bw = (w - 70) * cc.count() / max;
            String label = cc.value().length() > 10 ? cc.value().substring(0, 9) + "…" : cc.value();
            Svg.text(b, x + 66, y + i * rowH + rowH / 2 + 4, "end", label);
            b.append("<rect x=\"").append(Svg.c(x + 70)).append("\" y=\"").append(Svg.c(y + i * rowH + 2))
                    .append("\" width=\"").append(Svg.c(Math.max(bw, 0.5))).append("\" height=\"")
                    .append(Svg.c(Math.max(rowH - 4, 1))).append("\" fill=\"#e0913a\"><title>")
                    .append(Svg.esc(cc.value())).append(": ").append(cc.count()).append("</title></rect>");
        }
    }
}
