package io.segmenta.fitting.select;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The outcome of evaluating a range of k: every score, the chosen k and the rule that chose it.
 *
 * @param criterion "silhouette" or "bic"
 * @param scores    score per k, ascending k
 * @param chosenK   the k the rule picked
 * @param rule      the rule in words, for logs and model tags
 * @param tooSmall  the k whose fit had a segment below the minimum size: scored, never chosen
 */
public record KSelection(String criterion, Map<Integer, Double> scores, int chosenK, String rule, Set<Integer> tooSmall) {

    public KSelection {
        scores = Collections.unmodifiableMap(new TreeMap<>(scores));
        tooSmall = Collections.unmodifiableSet(new TreeSet<>(tooSmall));
        if (!scores.containsKey(chosenK)) {
            throw new IllegalArgumentException("chosenK " + chosenK + " was not evaluated");
        }
    }
}
