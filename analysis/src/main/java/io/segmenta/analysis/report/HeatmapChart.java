package io.segmenta.analysis.report;

import java.util.List;

/**
 * A matrix of coloured cells on a diverging blue-white-red scale centred on 0 (correlations, z-scores), with an
 * optional text per cell.
 */
final class HeatmapChart {

    private HeatmapChart() {
    }

    /**
     * @param values    rows x columns; NaN is drawn grey
     * @param limit     the value drawn at full colour (|v| >= limit saturates)
     * @param cellTexts text per cell, or null to print the value
     */
    static String render(String title, List<String> rowLabels, List<String> colLabels, double[][] values,
                         double limit, String[][] cellTexts) {
        int rows = rowLabels.size();
        int cols = colLabels.size();
        int cell = Math.max(16, Math.min(46, 640 / Math.max(cols, 1)));
        int rowHeight = Math.max(cell, 20);
        int labelWidth = 14 + 6 * rowLabels.stream().mapToInt(String::length).map(l -> Math.min(l, 34)).max().orElse(4);
        int top = 40 + 6 * colLabels.stream().mapToInt(String::length).map(l -> Math.min(l, 30)).max().orElse(4);
        int maxColLabel = colLabels.stream().mapToInt(String::length).map(l -> Math.min(l, 30)).max().orElse(4);
        int w = Math.max(labelWidth + cols * cell + 20 + 4 * maxColLabel, 20 + 7 * title.length());
        int h = top + rows * rowHeight + 16;
        StringBuilder b = Svg.open(w, h, title, "heatmap");
        for (int j = 0; j < cols; j++) {
            double x = labelWidth + j * cell + cell / 2.0;
            b.append("<text transform=\"translate(").append(Svg.c(x + 4)).append(',').append(top - 6)
                    .append(") rotate(-60)\" text-anchor=\"start\">").append(Svg.esc(shorten(colLabels.get(j), 30)))
                    .append("</text>");
        }
        boolean showText = cell >= 30;
        for (int i = 0; i < rows; i++) {
            double y = top + i * rowHeight;
            Svg.text(b, labelWidth - 6, y + rowHeight / 2.0 + 4, "end", shorten(rowLabels.get(i), 34));
            for (int j = 0; j < cols; j++) {
                double v = values[i][j];
                b.append("<rect x=\"").append(labelWidth + j * cell).append("\" y=\"").append(Svg.c(y))
                        .append("\" width=\"").append(cell - 1).append("\" height=\"").append(rowHeight - 1)
                        .append("\" fill=\"").append(colour(v, limit)).append("\"><title>")
                        .append(Svg.esc(rowLabels.get(i) + " / " + colLabels.get(j) + ": "
                                + (cellTexts != null ? cellTexts[i][j] + " (" + Svg.num(v) + ")" : Svg.num(v))))
                        .append("</title></rect>");
                if (showText) {
                    String t = cellTexts != null ? cellTexts[i][j] : Svg.num(v);
                    b.append("<text x=\"").append(Svg.c(labelWidth + j * cell + (cell - 1) / 2.0)).append("\" y=\"")
                            .append(Svg.c(y + rowHeight / 2.0 + 4)).append("\" text-anchor=\"middle\" font-size=\"9\"")
                            .append(Math.abs(v) > 0.6 * limit ? " fill=\"#fff\"" : "").append('>')
                            .append(Svg.esc(t)).append("</text>");
                }
            }
        }
        return b.append("</svg>").toString();
    }

    /** Blue for negative, red for positive, white at 0. */
    static String colour(double v, double limit) {
        if (Double.isNaN(v)) {
            return "#dddddd";
        }
        double t = Math.max(-1, Math.min(1, v / limit));
        int r;
        int g;
        int bl;
        if (t >= 0) {
            r = 255 - (int) Math.round(t * (255 - 178));
            g = 255 - (int) Math.round(t * (255 - 24));
            bl = 255 - (int) Math.round(t * (255 - 43));
        } else {
            r = 255 + (int) Math.round(t * (255 - 33));
            g = 255 + (int) Math.round(t * (255 - 102));
            bl = 255 + (int) Math.round(t * (255 - 172));
        }
        return String.format("#%02x%02x%02x", r, g, bl);
    }

    private static String shorten(String s, int max) {
        return s.length() > max ? s.substring(0, max - 1) + "…" : s;
    }
}
