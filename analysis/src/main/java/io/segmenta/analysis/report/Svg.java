package io.segmenta.analysis.report;

import java.util.Locale;

/**
 * Small helpers shared by the chart writers: XML escaping, compact numbers, the segment palette, axis ticks. Every
 * chart is a standalone {@code <svg class="chart">} element with a {@code <title>}, so the report needs no script or
 * stylesheet from anywhere to show it.
 */
final class Svg {

    /** Colour-blind-friendly categorical palette (Okabe-Ito, then Tableau), repeated beyond its length. */
    private static final String[] PALETTE = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
            "#F0E442", "#000000", "#8C564B", "#17BECF", "#7F7F7F", "#BCBD22"};
    static final String NOISE_COLOUR = "#BBBBBB";

    private Svg() {
    }

    static String colour(int group) {
        return group < 0 ? NOISE_COLOUR : PALETTE[group % PALETTE.length];
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Coordinates: two decimals are plenty on screen and keep the file small. */
    static String c(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** A number for a label: 3 significant digits, k/M for large ones. */
    static String num(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        double a = Math.abs(v);
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.3gM", v / 1e6);
        }
        if (a >= 1e4) {
            return String.format(Locale.ROOT, "%.3gk", v / 1e3);
        }
        if (a >= 100 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** A tick label with as many decimals as the tick step needs (1061.0, 1061.5 rather than 1061, 1061). */
    static String tick(double v, double step) {
        if (Math.abs(v) >= 1e5) {
            return num(v);
        }
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        return String.format(Locale.ROOT, "%." + Math.min(decimals, 6) + "f", Math.abs(v) < step / 1e6 ? 0.0 : v);
    }

    /** About {@code count} round tick values covering [min, max]. */
    static double[] ticks(double min, double max, int count) {
        if (!(max > min)) {
            return new double[] {min};
        }
        double raw = (max - min) / count;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : new double[] {1, 2, 5, 10}) {
            if (raw <= m * magnitude) {
                step = m * magnitude;
                break;
            }
        }
        double first = Math.ceil(min / step) * step;
        int n = (int) Math.floor((max - first) / step + 1e-9) + 1;
        double[] t = new double[Math.max(n, 1)];
        for (int i = 0; i < t.length; i++) {
            t[i] = first + i * step;
        }
        return t;
    }

    static StringBuilder open(int width, int height, String title, String kind) {
        StringBuilder b = new StringBuilder();
        b.append("<svg class=\"chart\" data-kind=\"").append(kind).append("\" xmlns=\"http://www.w3.org/2000/svg\" ")
                .append("width=\"").append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ")
                .append(width).append(' ').append(height).append("\" role=\"img\" font-family=\"sans-serif\" ")
                .append("font-size=\"11\"><title>").append(esc(title)).append("</title>")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>")
                .append("<text x=\"").append(width / 2).append("\" y=\"16\" text-anchor=\"middle\" font-size=\"13\" ")
                .append("font-weight=\"bold\">").append(esc(title)).append("</text>");
        return b;
    }

    static void text(StringBuilder b, double x, double y, String anchor, String text) {
        b.append("<text x=\"").append(c(x)).append("\" y=\"").append(c(y)).append("\" text-anchor=\"").append(anchor)
                .append("\">").append(esc(text)).append("</text>");
    }

    static void line(StringBuilder b, double x1, double y1, double x2, double y2, String stroke) {
        b.append("<line x1=\"").append(c(x1)).append("\" y1=\"").append(c(y1)).append("\" x2=\"").append(c(x2))
                .append("\" y2=\"").append(c(y2)).append("\" stroke=\"").append(stroke).append("\"/>");
    }
}
