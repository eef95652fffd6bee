package io.segmenta.fitting.refit;

import io.segmenta.avro.SegmentModel;

import java.util.Optional;

/**
 * Another k that beat the model's own in recent consecutive windows without changing it yet. It travels in the
 * published model's tags ({@value #TAG}, e.g. {@code 6x1}), so the next refit reads the evidence from its parent:
 * no state outside the model lineage, the same decision on a replay, nothing lost on a restart.
 *
 * @param k       the k that won
 * @param windows consecutive windows in which it won, this one included
 */
public record KProposal(int k, int windows) {

    public static final String TAG = "kProposal";

    public KProposal {
        if (k < 2 || windows < 1) {
            throw new IllegalArgumentException("a k proposal needs k >= 2 and windows >= 1, got " + k + "x" + windows);
        }
    }

    /** The parent's proposal; none when it has no (readable) tag: the count starts again. */
    public static Optional<KProposal> of(SegmentModel parent) {
        CharSequence tag = parent == null || parent.getTags() == null ? null : parent.getTags().get(TAG);
        if (tag == null) {
            return Optional.empty();
        }
        String[] parts = tag.toString().split("x");
        try {
            return parts.length == 2 ? Optional.of(new KProposal(Integer.parseInt(parts[0].strip()),
                    Integer.parseInt(parts[1].strip()))) : Optional.empty();
        } catch (IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }

    /** This window's proposal of {@code winner}: one more window when the parent proposed the same k. */
    public static KProposal next(Optional<KProposal> parents, int winner) {
        return parents.filter(p -> p.k() == winner).map(p -> new KProposal(winner, p.windows() + 1))
                .orElseGet(() -> new KProposal(winner, 1));
    }

    public String tagValue() {
        return k + "x" + windows;
    }
}
