package io.segmenta.fitting.lineage;

import io.segmenta.avro.LineageKind;

import java.util.List;

/**
 * The one fate decided for a group of previous segments and new clusters, before ids are given out. Deciding fates
 * first and deriving both the ids and the lineage event from them is what keeps the two from contradicting each other.
 *
 * @param kind    the lineage event it becomes
 * @param olds    indices into the previous segments (empty for a birth)
 * @param news    new cluster indices (empty for a death)
 * @param donor   index of the previous segment whose id continues, or -1 when none does
 * @param heir    the new cluster that carries the donor's id on, or -1
 * @param overlap the member share that justified the fate, or null when none was measured
 */
record Fate(LineageKind kind, List<Integer> olds, List<Integer> news, int donor, int heir, Double overlap) {

    Fate {
        olds = List.copyOf(olds);
        news = List.copyOf(news);
        if ((donor < 0) != (heir < 0)) {
            throw new IllegalArgumentException("an id continues from a donor to an heir, never from or to nothing");
        }
    }

    static Fate survived(int old, int cluster, Double overlap) {
        return new Fate(LineageKind.SURVIVED, List.of(old), List.of(cluster), old, cluster, overlap);
    }

    static Fate birth(int cluster) {
        return new Fate(LineageKind.BIRTH, List.of(), List.of(cluster), -1, -1, null);
    }

    static Fate death(int old) {
        return new Fate(LineageKind.DEATH, List.of(old), List.of(), -1, -1, null);
    }
}
