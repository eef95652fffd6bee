package io.segmenta.analysis.report;

import io.segmenta.fitting.Sampling;

import java.util.List;

/** Points coloured by segment, with a legend; large sets are thinned to a seeded sample to keep the file small. */
final class ScatterChart {

    static final int MAX_POINTS = 3000;

    private ScatterChart() {
    }

    /**
     * @param points x, y per point
     * @param groups segment per point (negative: noise, grey)
     * @param legend name per segment
     */
    static String render(String title, String xLabel, String yLabel, double[][] points, int[] groups,
                         List<String> legend, long seed) {
        int w = 560;
        int h = 420;
        int[] shown = Sampling.withoutReplacement(points.length, MAX_POINTS, seed);
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (int i : shown) {
            xMin = Math.min(xMin, points[i][0]);
            xMax = Math.max(xMax, points[i][0]);
            yMin = Math.min(yMin, points[i][1]);
            yMax = Math.max(yMax, points[i][1]);
        }
        double xp = (xMax - xMin) * 0.03;
        double yp = (yMax - yMin) * 0.03;
        Plot plot = new Plot(64, 30, w - 64 - 190, h - 30 - 44, xMin - xp, xMax + xp, yMin - yp, yMax + yp);
        StringBuilder b = Svg.open(w, h, title + (shown.length < points.length
                ? " (" + shown.length + " of " + points.length + " rows)" : ""), "scatter");
        plot.axes(b, xLabel, yLabel, false);
        b.append("<g fill-opacity=\"0.7\">");
        for (int i : shown) {
            b.append("<circle cx=\"").append(Svg.c(plot.x(points[i][0]))).append("\" cy=\"")
                    .append(Svg.c(plot.y(points[i][1]))).append("\" r=\"2.5\" fill=\"").append(Svg.colour(groups[i]))
                    .append("\"/>");
        }
        b.append("</g>");
        double lx = plot.left + plot.width + 12;
        int row = 0;
        boolean noise = false;
        for (int g : groups) {
            noise |= g < 0;
        }
        for (int g = 0; g < legend.size(); g++) {
            legendEntry(b, lx, plot.top + 8 + 16 * row++, Svg.colour(g), g + ": " + legend.get(g));
        }
        if (noise) {
            legendEntry(b, lx, plot.top + 8 + 16 * row, Svg.NOISE_COLOUR, "noise");
        }
        return b.append("</svg>").toString();
    }

    private static void legendEntry(StringBuilder b, double x, double y, String colour, String text) {
        b.append("<circle cx=\"").append(Svg.c(x + 5)).append("\" cy=\"").append(Svg.c(y - 3)).append("\" r=\"5\" ")
                .append("fill=\"").append(colour).append("\"/>");
        Svg.text(b, x + 14, y + 1, "start", text.length() > 30 ? text.substring(0, 29) + "…" : text);
    }
}
