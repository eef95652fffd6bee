package io.segmenta.fitting.lineage;

import io.segmenta.avro.LineageKind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fates from the member overlap, one per previous segment and one per new cluster that the sample holds members of
 * (the others are left to {@link CentroidPairing}).
 *
 * <ol>
 *   <li>A previous segment o and a new cluster n are linked when each holds at least {@code splitThreshold} of the
 *       other: |o∩n| ≥ splitThreshold·|o| and |o∩n| ≥ splitThreshold·|n|.</li>
 *   <li>Links are taken in decreasing order of |o∩n| (ties: previous segment, then cluster, in input order); a link
 *       that would give a group two or more previous segments AND two or more new clusters is dropped. Every group
 *       is then a star, and a star has exactly one reading.</li>
 *   <li>One segment, one cluster: SURVIVED when |o∩n| ≥ survivalThreshold·|o|; otherwise too few members stayed
 *       together for the segment to have survived (MONIC), and the cluster continues nothing: DEATH and BIRTH.
 *       One segment, several clusters: SPLIT. Several segments, one cluster: MERGE. A segment without a link: DEATH;
 *       a cluster without one: BIRTH.</li>
 * </ol>
 * Because both shares pass on every link, a split part holds at least splitThreshold of the segment and a merge
 * source supplies at least splitThreshold of the cluster, whatever the star's shape.
 */
final class OverlapFates {

    /** A link between previous segment {@code old} and new cluster {@code cluster}, with both shares. */
    private record Link(int old, int cluster, long count, double ofOld, double ofNew) {
    }

    private OverlapFates() {
    }

    static List<Fate> decide(List<PreviousSegment> previous, int kNew, MemberOverlap overlap,
                             SegmentMatchingParams params) {
        int kOld = previous.size();
        List<Link> links = new ArrayList<>();
        for (int j = 0; j < kOld; j++) {
            int id = previous.get(j).segmentId();
            for (int i = 0; i < kNew; i++) {
                long count = overlap.count(id, i);
                double ofOld = overlap.shareOfPrevious(id, i);
                double ofNew = overlap.shareOfNew(id, i);
                if (count > 0 && ofOld >= params.splitThreshold() && ofNew >= params.splitThreshold()) {
                    links.add(new Link(j, i, count, ofOld, ofNew));
                }
            }
        }
        links.sort(Comparator.comparingLong(Link::count).reversed()
                .thenComparingInt(Link::old).thenComparingInt(Link::cluster));

        Stars stars = new Stars(kOld, kNew);
        List<Link> kept = links.stream().filter(l -> stars.join(l.old(), l.cluster())).toList();
        // grouped by star, each star's links still largest first
        Map<Integer, List<Link>> byStar = new LinkedHashMap<>();
        for (Link l : kept) {
            byStar.computeIfAbsent(stars.root(l.old()), r -> new ArrayList<>()).add(l);
        }

        List<Fate> fates = new ArrayList<>();
        byStar.values().forEach(star -> fates.addAll(fatesOf(star, params)));
        boolean[] oldLinked = new boolean[kOld];
        boolean[] newLinked = new boolean[kNew];
        kept.forEach(l -> {
            oldLinked[l.old()] = true;
            newLinked[l.cluster()] = true;
        });
        for (int i = 0; i < kNew; i++) {
            if (!newLinked[i] && overlap.newTotal(i) > 0) {
                fates.add(Fate.birth(i));
            }
        }
        for (int j = 0; j < kOld; j++) {
            if (!oldLinked[j] && overlap.previousTotal(previous.get(j).segmentId()) > 0) {
                fates.add(Fate.death(j));
            }
        }
        return fates;
    }

    /** The reading of one star; its links come largest first. */
    private static List<Fate> fatesOf(List<Link> star, SegmentMatchingParams params) {
        Link largest = star.get(0);
        if (star.size() == 1) {
            return largest.ofOld() >= params.survivalThreshold()
                    ? List.of(Fate.survived(largest.old(), largest.cluster(), largest.ofOld()))
                    : List.of(Fate.death(largest.old()), Fate.birth(largest.cluster()));
        }
        List<Integer> olds = star.stream().map(Link::old).distinct().sorted().toList();
        List<Integer> news = star.stream().map(Link::cluster).distinct().sorted().toList();
        // the part that received the most members keeps the segment's id (split); the cluster keeps the id of the
        // segment that supplied the most (merge)
        return olds.size() == 1
                ? List.of(new Fate(LineageKind.SPLIT, olds, news, largest.old(), largest.cluster(),
                        star.stream().mapToDouble(Link::ofOld).sum()))
                : List.of(new Fate(LineageKind.MERGE, olds, news, largest.old(), largest.cluster(),
                        star.stream().mapToDouble(Link::ofNew).sum()));
    }

    /**
     * Union-find over previous segments (0..kOld-1) and new clusters (kOld..), refusing a union whose group would
     * have two or more of each.
     */
    private static final class Stars {

        private final int kOld;
        private final int[] parent;
        private final int[] olds;
        private final int[] news;

        Stars(int kOld, int kNew) {
            this.kOld = kOld;
            parent = new int[kOld + kNew];
            olds = new int[kOld + kNew];
            news = new int[kOld + kNew];
            for (int v = 0; v < parent.length; v++) {
                parent[v] = v;
                if (v < kOld) {
                    olds[v] = 1;
                } else {
                    news[v] = 1;
                }
            }
        }

        int root(int old) {
            return find(old);
        }

        /** Links segment {@code old} to cluster {@code cluster} unless the group would stop being a star. */
        boolean join(int old, int cluster) {
            int a = find(old);
            int b = find(kOld + cluster);
            if (a == b) {
                return false; // cannot happen between stars, whose every segment-cluster pair is already linked
            }
            int o = olds[a] + olds[b];
            int n = news[a] + news[b];
            if (o >= 2 && n >= 2) {
                return false;
            }
            parent[b] = a;
            olds[a] = o;
            news[a] = n;
            return true;
        }

        private int find(int v) {
            while (parent[v] != v) {
                parent[v] = parent[parent[v]];
                v = parent[v];
            }
            return v;
        }
    }
}
