package io.segmenta.fitting.profile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Keeps a continuing segment's label while its profile stays where it was. A refit re-derives every label from the
 * window's z-scores, and a z-score near a phrase's threshold flips the words from one window to the next although
 * the segment did not change: a consumer that shows or acts on the label sees noise. So a segment that keeps its id
 * keeps its label and action unless one of its features' z-scores moved by at least {@link #relabelZ()} since the
 * parent; a new label is then said in the model's {@value #TAG} tag, with the feature that moved.
 *
 * @param relabelZ how far (in population standard deviations) a feature's z-score must move before the label may
 *                 change; 0 re-derives every label at every refit
 */
public record LabelContinuity(double relabelZ) {

    public static final String TAG = "relabelled";
    public static final LabelContinuity DEFAULT = new LabelContinuity(0.5);

    public LabelContinuity {
        if (!(relabelZ >= 0) || Double.isInfinite(relabelZ)) {
            throw new IllegalArgumentException("relabelZ must be a finite number >= 0, got " + relabelZ);
        }
    }

    /** What the parent said of a segment that continues under the same id. */
    public record Previous(String label, String suggestedAction, Map<String, Double> zScores) {
    }

    /** The labels to publish, and one note per segment whose label changed ("3: A -> B (recency_days z +0.8)"). */
    public record Result(List<SegmentLabel> labels, List<String> relabelled) {
    }

    /**
     * @param ids       segment id of each new cluster
     * @param fresh     the labeler's labels of the new clusters, in cluster order (distinct)
     * @param profiles  the new clusters' profiles, in cluster order
     * @param previous  what the parent said, per cluster: null where the cluster does not continue a parent's id
     */
    public Result apply(int[] ids, List<SegmentLabel> fresh, List<SegmentProfile> profiles, List<Previous> previous) {
        int k = fresh.size();
        SegmentLabel[] out = new SegmentLabel[k];
        List<String> notes = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (int c = 0; c < k; c++) {
            Previous p = previous.get(c);
            if (p == null || p.label() == null) {
                continue;
            }
            Move move = largestMove(p.zScores(), profiles.get(c).zScores());
            if (move.size() < relabelZ || fresh.get(c).label().equals(p.label())) {
                if (taken.add(p.label())) {
                    out[c] = new SegmentLabel(p.label(), p.suggestedAction());
                }
            } else {
                notes.add(String.format(Locale.ROOT, "%d: %s -> %s (%s z %+.2f)", ids[c], p.label(),
                        fresh.get(c).label(), move.feature(), move.delta()));
            }
        }
        for (int c = 0; c < k; c++) {
            if (out[c] == null) {
                // a fresh label may coincide with one a continuing segment kept: number it, as the labeler does
                String label = fresh.get(c).label();
                for (int n = 2; !taken.add(label); n++) {
                    label = fresh.get(c).label() + " " + n;
                }
                out[c] = new SegmentLabel(label, fresh.get(c).suggestedAction());
            }
        }
        return new Result(List.of(out), notes);
    }

    private record Move(String feature, double delta) {
        double size() {
            return Math.abs(delta);
        }
    }

    /** The feature whose z-score moved most; a feature only one side has counts as not moved. */
    private static Move largestMove(Map<String, Double> before, Map<String, Double> after) {
        Move best = new Move("", 0);
        for (Map.Entry<String, Double> e : after.entrySet()) {
            Double old = before.get(e.getKey());
            if (old == null || !Double.isFinite(old) || !Double.isFinite(e.getValue())) {
                continue;
            }
            double delta = e.getValue() - old;
            if (Math.abs(delta) > best.size()) {
                best = new Move(e.getKey(), delta);
            }
        }
        return best;
    }
}
