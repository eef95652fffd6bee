package io.segmenta.analysis.report;

import io.segmenta.analysis.cluster.Dendrogram;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The top of a merge tree (scipy's "lastp" truncation): only the last {@code leaves - 1} merges are drawn, each
 * truncated leaf labelled with the number of rows below it, so a tree of thousands of rows stays readable. A dashed
 * line marks the height where the tree is cut into {@code cutK} segments.
 */
final class DendrogramChart {

    static final int LEAVES = 30;

    private DendrogramChart() {
    }

    static String render(String title, Dendrogram tree, int cutK) {
        int n = tree.leaves();
        int merges = tree.merges().length;
        int p = Math.min(LEAVES, n);
        int firstShown = merges - (p - 1); // merges before this are folded into truncated leaves
        long[] size = new long[n + merges];
        for (int i = 0; i < n; i++) {
            size[i] = 1;
        }
        for (int i = 0; i < merges; i++) {
            size[n + i] = size[tree.merges()[i][0]] + size[tree.merges()[i][1]];
        }
        List<Integer> leafOrder = new ArrayList<>();
        collectLeaves(tree, n + merges - 1, n + firstShown, leafOrder);
        Map<Integer, Double> xs = new HashMap<>();
        int w = 620;
        int h = 340;
        double left = 64;
        double plotW = w - left - 20;
        for (int i = 0; i < leafOrder.size(); i++) {
            xs.put(leafOrder.get(i), left + (i + 0.5) * plotW / leafOrder.size());
        }
        double maxH = tree.heights()[merges - 1];
        double minH = 0;
        Plot plot = new Plot(left, 30, plotW, h - 30 - 50, 0, 1, minH, maxH * 1.05);
        StringBuilder b = Svg.open(w, h, title, "dendrogram");
        plot.axes(b, "clusters (rows below each leaf)", "merge height", false, false);
        Map<Integer, Double> ys = new HashMap<>();
        for (int leaf : leafOrder) {
            ys.put(leaf, plot.y(0));
        }
        for (int i = Math.max(firstShown, 0); i < merges; i++) {
            int a = tree.merges()[i][0];
            int c = tree.merges()[i][1];
            double y = plot.y(tree.heights()[i]);
            double xa = xs.get(a);
            double xc = xs.get(c);
            b.append("<path d=\"M").append(Svg.c(xa)).append(' ').append(Svg.c(ys.get(a))).append('V')
                    .append(Svg.c(y)).append('H').append(Svg.c(xc)).append('V').append(Svg.c(ys.get(c)))
                    .append("\" fill=\"none\" stroke=\"#335\" stroke-width=\"1.2\"/>");
            xs.put(n + i, (xa + xc) / 2);
            ys.put(n + i, y);
        }
        for (int leaf : leafOrder) {
            b.append("<text transform=\"translate(").append(Svg.c(xs.get(leaf) + 3)).append(',')
                    .append(Svg.c(plot.y(0) + 8)).append(") rotate(90)\" font-size=\"9\">(").append(size[leaf])
                    .append(")</text>");
        }
        if (cutK >= 2 && cutK <= merges) {
            // after merge (merges - cutK) there are cutK clusters; the next merge would join two of them
            double cut = (tree.heights()[merges - cutK] + tree.heights()[merges - cutK + 1]) / 2;
            b.append("<line x1=\"").append(Svg.c(left)).append("\" y1=\"").append(Svg.c(plot.y(cut)))
                    .append("\" x2=\"").append(Svg.c(left + plotW)).append("\" y2=\"").append(Svg.c(plot.y(cut)))
                    .append("\" stroke=\"#c00\" stroke-dasharray=\"5 4\"/>");
            Svg.text(b, left + plotW - 4, plot.y(cut) - 4, "end", "cut: " + cutK + " clusters");
        }
        return b.append("</svg>").toString();
    }

    /** Leaves of the truncated tree in drawing order: ids below {@code firstShownId} are leaves. */
    private static void collectLeaves(Dendrogram tree, int id, int firstShownId, List<Integer> out) {
        List<Integer> stack = new ArrayList<>();
        stack.add(id);
        while (!stack.isEmpty()) {
            int node = stack.remove(stack.size() - 1);
            if (node < firstShownId || node < tree.leaves()) {
                out.add(node);
            } else {
                int[] m = tree.merges()[node - tree.leaves()];
                stack.add(m[1]);
                stack.add(m[0]);
            }
        }
    }
}
