package io.segmenta.fitting.profile;

import io.segmenta.fitting.Checks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Human labels from profiles: the most distinctive z-scores, in words ({@link FeaturePhrases}), e.g.
 * "High value, frequent, recent" or "High income, low spending". Labels are distinct across segments: duplicates
 * take further phrases, and as a last resort a number.
 */
public final class SegmentLabeler {

    public static final double DEFAULT_MIN_ABS_Z = 0.5;
    public static final int DEFAULT_MAX_PHRASES = 3;
    /** A categorical value held by at least this share of a segment's members reads "mostly ...". */
    public static final double MOSTLY_SHARE = 0.8;

    private final double minAbsZ;
    private final int maxPhrases;
    private final Lifecycle lifecycle;

    /**
     * @param minAbsZ    a feature is distinctive when |z| reaches this
     * @param maxPhrases phrases per label before disambiguation
     */
    public SegmentLabeler(double minAbsZ, int maxPhrases, Lifecycle lifecycle) {
        this.minAbsZ = Checks.nonNegative("minAbsZ", minAbsZ);
        this.maxPhrases = Checks.atLeast("maxPhrases", maxPhrases, 1);
        this.lifecycle = java.util.Objects.requireNonNull(lifecycle, "lifecycle");
    }

    public SegmentLabeler(double minAbsZ, int maxPhrases) {
        this(minAbsZ, maxPhrases, Lifecycle.DEFAULTS);
    }

    public SegmentLabeler(Lifecycle lifecycle) {
        this(DEFAULT_MIN_ABS_Z, DEFAULT_MAX_PHRASES, lifecycle);
    }

    public SegmentLabeler() {
        this(Lifecycle.DEFAULTS);
    }

    private record Phrase(String text, String action, double weight) {
    }

    /** One distinct label per profile, in the same order. */
    public List<SegmentLabel> label(List<SegmentProfile> profiles) {
        List<List<Phrase>> phrases = new ArrayList<>();
        for (SegmentProfile p : profiles) {
            phrases.add(phrases(p));
        }
        int[] used = new int[profiles.size()];
        List<String> labels = new ArrayList<>();
        for (int s = 0; s < profiles.size(); s++) {
            used[s] = Math.min(maxPhrases, distinctive(phrases.get(s)));
            labels.add(text(phrases.get(s), used[s]));
        }
        // duplicates take one more phrase at a time while any of them has one left
        boolean changed = true;
        while (changed) {
            changed = false;
            Map<String, List<Integer>> byLabel = new HashMap<>();
            for (int s = 0; s < labels.size(); s++) {
                byLabel.computeIfAbsent(labels.get(s), x -> new ArrayList<>()).add(s);
            }
            for (List<Integer> group : byLabel.values()) {
                if (group.size() < 2) {
                    continue;
                }
                for (int s : group) {
                    if (used[s] < phrases.get(s).size()) {
                        used[s]++;
                        labels.set(s, text(phrases.get(s), used[s]));
                        changed = true;
                    }
                }
            }
        }
        Set<String> seen = new HashSet<>();
        List<SegmentLabel> out = new ArrayList<>();
        for (int s = 0; s < labels.size(); s++) {
            String label = labels.get(s);
            for (int n = 2; !seen.add(label); n++) {
                label = labels.get(s) + " " + n;
            }
            List<Phrase> ps = phrases.get(s);
            String action = ps.isEmpty() || ps.get(0).weight() < minAbsZ ? FeaturePhrases.TYPICAL_ACTION
                    : ps.get(0).action() != null ? ps.get(0).action()
                    : "Test offers aimed at what sets them apart: " + ps.get(0).text();
            out.add(new SegmentLabel(label, action));
        }
        return out;
    }

    /** Every phrase of the profile, most distinctive first; the distinctive ones come before the rest. */
    private List<Phrase> phrases(SegmentProfile profile) {
        List<Map.Entry<String, Double>> byStrength = new ArrayList<>(profile.zScores().entrySet());
        byStrength.removeIf(e -> !Double.isFinite(e.getValue()) || e.getValue() == 0);
        byStrength.sort(Comparator.comparingDouble((Map.Entry<String, Double> e) -> -Math.abs(e.getValue()))
                .thenComparing(Map.Entry::getKey));
        List<Phrase> out = new ArrayList<>();
        Set<String> consumed = new HashSet<>();
        String views = null;
        String conversion = null;
        for (Map.Entry<String, Double> e : byStrength) {
            if (views == null && FeaturePhrases.isPageViews(e.getKey()) && e.getValue() >= minAbsZ) {
                views = e.getKey();
            }
            if (conversion == null && FeaturePhrases.isConversion(e.getKey()) && e.getValue() <= -minAbsZ) {
                conversion = e.getKey();
            }
        }
        if (views != null && conversion != null) {
            double w = Math.max(profile.zScores().get(views), -profile.zScores().get(conversion));
            out.add(new Phrase(FeaturePhrases.WINDOW_SHOPPERS, FeaturePhrases.WINDOW_SHOPPERS_ACTION, w));
            consumed.add(views);
            consumed.add(conversion);
        }
        Set<String> texts = new HashSet<>();
        lifecyclePhrases(profile, byStrength, consumed).forEach(p -> {
            if (texts.add(p.text())) {
                out.add(p);
            }
        });
        categoryPhrases(profile, byStrength, consumed).forEach(p -> {
            if (texts.add(p.text())) {
                out.add(p);
            }
        });
        for (Map.Entry<String, Double> e : byStrength) {
            if (consumed.contains(e.getKey())) {
                continue;
            }
            boolean high = e.getValue() > 0;
            String text = FeaturePhrases.phrase(e.getKey(), high);
            if (texts.add(text)) {
                out.add(new Phrase(text, FeaturePhrases.action(e.getKey(), high), Math.abs(e.getValue())));
            }
        }
        out.sort(Comparator.comparingDouble((Phrase p) -> -p.weight()));
        return out;
    }

    /**
     * Recency and tenure in words by {@link Lifecycle}'s absolute thresholds on the segment's mean days; the phrase
     * weighs its z-score but at least the distinctiveness threshold, since the days alone justify it. Consumed either
     * way: a mean between the thresholds says nothing rather than "slightly lapsed".
     */
    private List<Phrase> lifecyclePhrases(SegmentProfile profile, List<Map.Entry<String, Double>> byStrength,
                                          Set<String> consumed) {
        List<Phrase> out = new ArrayList<>();
        for (Map.Entry<String, Double> e : byStrength) {
            boolean recency = FeaturePhrases.isRecency(e.getKey());
            if (consumed.contains(e.getKey()) || !(recency || FeaturePhrases.isTenure(e.getKey()))) {
                continue;
            }
            Double days = profile.means().get(e.getKey());
            if (days == null) {
                continue; // no means (only z-scores known): the relative words below still apply
            }
            consumed.add(e.getKey());
            String word = recency ? lifecycle.recencyWord(days) : lifecycle.tenureWord(days);
            if (word != null) {
                boolean high = word.equals("lapsed") || word.equals("long-standing");
                out.add(new Phrase(word, FeaturePhrases.action(e.getKey(), high),
                        Math.max(Math.abs(e.getValue()), minAbsZ)));
            }
        }
        return out;
    }

    /**
     * A categorical feature reads as the share of its most over-represented value ("mostly Female", "70 % France"),
     * one phrase per feature; its share columns ({@code name=value}) are then consumed, so that no label says "low
     * genre female, high genre male" (the one-hot columns read out) or calls a value "low".
     */
    private List<Phrase> categoryPhrases(SegmentProfile profile, List<Map.Entry<String, Double>> byStrength,
                                         Set<String> consumed) {
        Map<String, Map.Entry<String, Double>> strongest = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Double> e : byStrength) {
            int eq = e.getKey().indexOf('=');
            if (eq > 0) {
                consumed.add(e.getKey());
                strongest.merge(e.getKey().substring(0, eq), e, (a, b) -> b.getValue() > a.getValue() ? b : a);
            }
        }
        List<Phrase> out = new ArrayList<>();
        for (Map.Entry<String, Double> e : strongest.values()) {
            if (e.getValue() <= 0) {
                continue; // only an over-represented value is worth saying
            }
            String value = e.getKey().substring(e.getKey().indexOf('=') + 1);
            double share = profile.means().getOrDefault(e.getKey(), 0.0);
            String text = share >= MOSTLY_SHARE ? "mostly " + value
                    : String.format(Locale.ROOT, "%.0f %% %s", 100 * share, value);
            out.add(new Phrase(text, null, e.getValue()));
        }
        return out;
    }

    /** The first {@code count} phrases; those below the threshold (used only to break ties) read "slightly ...". */
    private String text(List<Phrase> phrases, int count) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Phrase p = phrases.get(i);
            parts.add(p.weight() >= minAbsZ ? p.text() : "slightly " + p.text());
        }
        return capitalise(parts.isEmpty() ? FeaturePhrases.TYPICAL : String.join(", ", parts));
    }

    private int distinctive(List<Phrase> phrases) {
        int n = 0;
        for (Phrase p : phrases) {
            if (p.weight() >= minAbsZ) {
                n++;
            }
        }
        return n;
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
