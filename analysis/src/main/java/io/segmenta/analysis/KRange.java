package io.segmenta.analysis;

import java.util.List;
import java.util.stream.IntStream;

/** The numbers of segments to try: "2..10", or one number such as "5" (a fixed k). */
public record KRange(int min, int max) {

    public static final KRange DEFAULT = new KRange(2, 10);

    public KRange {
        if (min < 2 || max < min || max > 50) {
            throw new UserError("k must be a range 2 <= min <= max <= 50 such as 2..10, or one number, got " + min
                    + ".." + max);
        }
    }

    public static KRange parse(String text) {
        String t = text.strip();
        try {
            int dots = t.indexOf("..");
            if (dots < 0) {
                int k = Integer.parseInt(t);
                return new KRange(k, k);
            }
            return new KRange(Integer.parseInt(t.substring(0, dots).strip()),
                    Integer.parseInt(t.substring(dots + 2).strip()));
        } catch (NumberFormatException e) {
            throw new UserError("--k must be a number such as 5 or a range such as 2..10, got '" + text + "'");
        }
    }

    public boolean fixed() {
        return min == max;
    }

    public List<Integer> values() {
        return IntStream.rangeClosed(min, max).boxed().toList();
    }

    @Override
    public String toString() {
        return fixed() ? Integer.toString(min) : min + ".." + max;
    }
}
