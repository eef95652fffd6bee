package io.segmenta.analysis.report;

import java.util.List;

/** Lines with point markers over a shared x axis (elbow, silhouette per k, BIC, k-distance). */
final class LineChart {

    /** One line; NaN y values leave a gap. */
    record Series(String name, double[] xs, double[] ys, String colour) {
    }

    private LineChart() {
    }

    /**
     * @param markX     an x to highlight with a vertical dashed line (the chosen k, the knee), or NaN
     * @param markers   draw a dot at every point (off for long curves)
     * @param integerX  only integer x ticks (k)
     */
    static String render(String title, String xLabel, String yLabel, List<Series> series, double markX,
                         boolean markers, boolean integerX) {
        int w = 520;
        int h = 320;
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.xs().length; i++) {
                if (Double.isFinite(s.ys()[i])) {
                    xMin = Math.min(xMin, s.xs()[i]);
                    xMax = Math.max(xMax, s.xs()[i]);
                    yMin = Math.min(yMin, s.ys()[i]);
                    yMax = Math.max(yMax, s.ys()[i]);
                }
            }
        }
        if (!Double.isFinite(xMin)) {
            xMin = 0;
            xMax = 1;
            yMin = 0;
            yMax = 1;
        }
        double pad = (yMax - yMin) * 0.05;
        int legendRows = series.size() > 1 ? series.size() : 0;
        Plot plot = new Plot(64, 30, w - 64 - (legendRows > 0 ? 150 : 20), h - 30 - 44, xMin, xMax, yMin - pad,
                yMax + pad);
        StringBuilder b = Svg.open(w, h, title, "line");
        plot.axes(b, xLabel, yLabel, integerX);
        if (Double.isFinite(markX)) {
            b.append("<line x1=\"").append(Svg.c(plot.x(markX))).append("\" y1=\"").append(Svg.c(plot.top))
                    .append("\" x2=\"").append(Svg.c(plot.x(markX))).append("\" y2=\"")
                    .append(Svg.c(plot.top + plot.height)).append("\" stroke=\"#c00\" stroke-dasharray=\"4 3\"/>");
        }
        for (Series s : series) {
            StringBuilder path = new StringBuilder();
            boolean pen = false;
            for (int i = 0; i < s.xs().length; i++) {
                if (!Double.isFinite(s.ys()[i])) {
                    pen = false;
                    continue;
                }
                path.append(pen ? 'L' : 'M').append(Svg.c(plot.x(s.xs()[i]))).append(' ')
                        .append(Svg.c(plot.y(s.ys()[i])));
                pen = true;
            }
            b.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(s.colour())
                    .append("\" stroke-width=\"2\"/>");
            if (markers) {
                for (int i = 0; i < s.xs().length; i++) {
                    if (Double.isFinite(s.ys()[i])) {
                        b.append("<circle cx=\"").append(Svg.c(plot.x(s.xs()[i]))).append("\" cy=\"")
                                .append(Svg.c(plot.y(s.ys()[i]))).append("\" r=\"3\" fill=\"").append(s.colour())
                                .append("\"><title>").append(Svg.esc(s.name())).append(": ")
                                .append(Svg.num(s.xs()[i])).append(" → ").append(Svg.num(s.ys()[i]))
                                .append("</title></circle>");
                    }
                }
            }
        }
        if (legendRows > 0) {
            double lx = plot.left + plot.width + 12;
            for (int i = 0; i < series.size(); i++) {
                double ly = plot.top + 8 + i * 16;
                b.append("<rect x=\"").append(Svg.c(lx)).append("\" y=\"").append(Svg.c(ly - 8))
                        .append("\" width=\"10\" height=\"10\" fill=\"").append(series.get(i).colour()).append("\"/>");
                Svg.text(b, lx + 14, ly + 1, "start", series.get(i).name());
            }
        }
        return b.append("</svg>").toString();
    }
}
