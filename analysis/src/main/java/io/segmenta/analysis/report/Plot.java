package io.segmenta.analysis.report;

/**
 * A rectangular plot area with linear axes: maps data to pixels and draws the frame, ticks and captions.
 */
final class Plot {

    final double left;
    final double top;
    final double width;
    final double height;
    final double xMin;
    final double xMax;
    final double yMin;
    final double yMax;

    Plot(double left, double top, double width, double height, double xMin, double xMax, double yMin, double yMax) {
        this.left = left;
        this.top = top;
        this.width = width;
        this.height = height;
        double xPad = xMax > xMin ? 0 : 1;
        double yPad = yMax > yMin ? 0 : 1;
        this.xMin = xMin - xPad;
        this.xMax = xMax + xPad;
        this.yMin = yMin - yPad;
        this.yMax = yMax + yPad;
    }

    double x(double v) {
        return left + (v - xMin) / (xMax - xMin) * width;
    }

    double y(double v) {
        return top + height - (v - yMin) / (yMax - yMin) * height;
    }

    void axes(StringBuilder b, String xLabel, String yLabel, boolean integerX) {
        axes(b, xLabel, yLabel, integerX, true);
    }

    /** Frame, grid, ticks (x ticks optional: a dendrogram's x has no scale) and captions. */
    void axes(StringBuilder b, String xLabel, String yLabel, boolean integerX, boolean xTicks) {
        b.append("<rect x=\"").append(Svg.c(left)).append("\" y=\"").append(Svg.c(top)).append("\" width=\"")
                .append(Svg.c(width)).append("\" height=\"").append(Svg.c(height))
                .append("\" fill=\"none\" stroke=\"#999\"/>");
        double[] xt = xTicks ? Svg.ticks(xMin, xMax, 6) : new double[0];
        double xStep = xt.length > 1 ? xt[1] - xt[0] : 1;
        for (double t : xt) {
            if (integerX && t != Math.rint(t)) {
                continue;
            }
            Svg.line(b, x(t), top + height, x(t), top + height + 4, "#999");
            Svg.text(b, x(t), top + height + 15, "middle", Svg.tick(t, xStep));
        }
        double[] yt = Svg.ticks(yMin, yMax, 5);
        double yStep = yt.length > 1 ? yt[1] - yt[0] : 1;
        for (double t : yt) {
            Svg.line(b, left - 4, y(t), left, y(t), "#999");
            b.append("<line x1=\"").append(Svg.c(left)).append("\" y1=\"").append(Svg.c(y(t))).append("\" x2=\"")
                    .append(Svg.c(left + width)).append("\" y2=\"").append(Svg.c(y(t)))
                    .append("\" stroke=\"#eee\"/>");
            Svg.text(b, left - 6, y(t) + 4, "end", Svg.tick(t, yStep));
        }
        Svg.text(b, left + width / 2, top + height + 32, "middle", xLabel);
        b.append("<text transform=\"translate(").append(Svg.c(left - 44)).append(',').append(Svg.c(top + height / 2))
                .append(") rotate(-90)\" text-anchor=\"middle\">").append(Svg.esc(yLabel)).append("</text>");
    }
}
