package io.segmenta.fitting.assembly;

import io.segmenta.avro.LineageEvent;
import io.segmenta.avro.LineageKind;
import io.segmenta.avro.Segment;
import io.segmenta.avro.SegmentModel;
import io.segmenta.fitting.features.SpecAlignment;
import io.segmenta.fitting.lineage.MemberOverlap;
import io.segmenta.fitting.lineage.PreviousSegment;
import io.segmenta.fitting.lineage.SegmentMatcher;
import io.segmenta.fitting.lineage.SegmentMatching;
import io.segmenta.fitting.profile.LabelContinuity;
import io.segmenta.fitting.profile.SegmentLabel;
import io.segmenta.fitting.profile.SegmentLabeler;
import io.segmenta.fitting.profile.SegmentProfile;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a complete {@link SegmentModel} from a fit: stable ids and lineage against the parent, labels and actions
 * from the profiles, version = parent + 1 (or 1). The highest segment id ever used is carried in the tag
 * {@value #MAX_SEGMENT_ID_TAG}, because ids that died generations ago are no longer visible in the parent's segments
 * and must still never be reused.
 */
public final class SegmentModelAssembler {

    public static final String MAX_SEGMENT_ID_TAG = "segmenta.maxSegmentId";
    public static final String LAYOUT_CHANGE_TAG = "segmenta.layoutChanged";

    private final SegmentMatcher matcher;
    private final SegmentLabeler labeler;
    private final LabelContinuity continuity;
    private final Clock clock;

    public SegmentModelAssembler(SegmentMatcher matcher, SegmentLabeler labeler, LabelContinuity continuity,
                                 Clock clock) {
        this.matcher = matcher;
        this.labeler = labeler;
        this.continuity = continuity;
        this.clock = clock;
    }

    public SegmentModelAssembler(SegmentMatcher matcher, SegmentLabeler labeler, Clock clock) {
        this(matcher, labeler, LabelContinuity.DEFAULT, clock);
    }

    public SegmentModelAssembler() {
        this(new SegmentMatcher(), new SegmentLabeler(), Clock.systemUTC());
    }

    public SegmentModel assemble(AssemblyInput in) {
        SegmentFit fit = in.fit();
        int k = fit.k();
        if (fit.dimension() != in.featureSpec().getDimension()) {
            throw new IllegalArgumentException("fit has dimension " + fit.dimension() + " but the feature spec has "
                    + in.featureSpec().getDimension());
        }
        if (!in.profiles().isEmpty() && in.profiles().size() != k) {
            throw new IllegalArgumentException("expected one profile per cluster (" + k + "), got "
                    + in.profiles().size());
        }
        if (in.quality().getK() != k) {
            throw new IllegalArgumentException("quality metrics are for k = " + in.quality().getK()
                    + " but the fit has " + k + " clusters");
        }
        SegmentModel parent = in.parent();
        if (parent != null && !parent.getModelName().equals(in.modelName())) {
            throw new IllegalArgumentException("parent belongs to model '" + parent.getModelName() + "', not '"
                    + in.modelName() + "'");
        }

        SegmentMatching matching = match(in, parent);
        List<LineageEvent> lineage = new ArrayList<>(matching.lineage());
        boolean layoutChanged = parent != null && !SpecAlignment.compatible(parent.getFeatureSpec(), in.featureSpec());
        if (layoutChanged) {
            for (Segment s : parent.getSegments()) {
                lineage.add(LineageEvent.newBuilder().setKind(LineageKind.DEATH)
                        .setFromSegments(new ArrayList<>(List.of(s.getSegmentId())))
                        .setToSegments(new ArrayList<>()).build());
            }
        }

        List<SegmentLabel> labels = in.profiles().isEmpty() ? null : labeler.label(in.profiles());
        List<String> relabelled = List.of();
        if (labels != null && parent != null && !layoutChanged) {
            LabelContinuity.Result kept = continuity.apply(matching.segmentIds(), labels, in.profiles(),
                    previousLabels(parent, matching.segmentIds()));
            labels = kept.labels();
            relabelled = kept.relabelled();
        }
        List<Segment> segments = new ArrayList<>(k);
        long[] sizes = fit.sizes();
        double[] weights = fit.weights();
        for (int c = 0; c < k; c++) {
            int id = matching.segmentId(c);
            SegmentProfile profile = in.profiles().isEmpty() ? null : in.profiles().get(c);
            double[] cov = fit.covariance(c);
            segments.add(Segment.newBuilder()
                    .setSegmentId(id)
                    .setLabel(labels == null ? "Segment " + id : labels.get(c).label())
                    .setCentroid(toList(fit.centroid(c)))
                    .setWeight(weights == null ? null : weights[c])
                    .setCovariance(cov == null ? null : toList(cov))
                    .setSize(sizes[c])
                    .setProfile(profile == null ? new HashMap<>() : new HashMap<>(profile.means()))
                    .setZScores(profile == null ? new HashMap<>() : new HashMap<>(profile.zScores()))
                    .setSuggestedAction(labels == null ? null : labels.get(c).suggestedAction())
                    .build());
        }
        segments.sort(Comparator.comparingInt(Segment::getSegmentId));

        Map<String, String> tags = new HashMap<>(in.tags());
        tags.put(MAX_SEGMENT_ID_TAG, Integer.toString(matching.maxIdEverUsed()));
        if (!relabelled.isEmpty()) {
            tags.put(LabelContinuity.TAG, String.join("; ", relabelled));
        }
        if (layoutChanged) {
            tags.put(LAYOUT_CHANGE_TAG, "parent " + parent.getVersion()
                    + " read other features; its segments were retired and none carried over");
        }
        return SegmentModel.newBuilder()
                .setModelName(in.modelName())
                .setVersion(parent == null ? 1 : parent.getVersion() + 1)
                .setParentVersion(parent == null ? null : parent.getVersion())
                .setAlgorithm(fit.algorithm())
                .setCreatedAt(clock.instant())
                .setTrainingWindow(in.window())
                .setFeatureSpec(in.featureSpec())
                .setSegments(segments)
                .setQuality(in.quality())
                .setLineage(lineage)
                .setTags(tags)
                .build();
    }

    /** What the parent said of each cluster whose id it had; null for the others. */
    private static List<LabelContinuity.Previous> previousLabels(SegmentModel parent, int[] ids) {
        Map<Integer, Segment> byId = new HashMap<>();
        parent.getSegments().forEach(s -> byId.put(s.getSegmentId(), s));
        List<LabelContinuity.Previous> out = new ArrayList<>();
        for (int id : ids) {
            Segment s = byId.get(id);
            out.add(s == null ? null : new LabelContinuity.Previous(s.getLabel(), s.getSuggestedAction(),
                    s.getZScores()));
        }
        return out;
    }

    private SegmentMatching match(AssemblyInput in, SegmentModel parent) {
        double[][] centroids = in.fit().centroids();
        if (parent == null) {
            return matcher.match(List.of(), centroids, -1, null);
        }
        int maxId = maxSegmentIdEverUsed(parent);
        if (!SpecAlignment.compatible(parent.getFeatureSpec(), in.featureSpec())) {
            return matcher.match(List.of(), centroids, maxId, null);
        }
        SpecAlignment alignment = SpecAlignment.between(parent.getFeatureSpec(), in.featureSpec());
        SegmentFit parentFit = SegmentModels.read(parent, alignment);
        List<PreviousSegment> previous = new ArrayList<>();
        for (int c = 0; c < parentFit.k(); c++) {
            previous.add(new PreviousSegment(parent.getSegments().get(c).getSegmentId(), parentFit.centroid(c)));
        }
        MemberOverlap overlap = null;
        if (in.members() != null) {
            if (in.members().previousView()[0].length != in.fit().dimension()) {
                throw new IllegalArgumentException("member sample has dimension "
                        + in.members().previousView()[0].length + " but the fit has " + in.fit().dimension());
            }
            int[] parentClusters = parentFit.assign(in.members().previousView());
            int[] previousIds = new int[parentClusters.length];
            for (int i = 0; i < previousIds.length; i++) {
                previousIds[i] = parent.getSegments().get(parentClusters[i]).getSegmentId();
            }
            overlap = MemberOverlap.of(previousIds, in.fit().assign(in.members().currentView()));
        }
        return matcher.match(previous, centroids, maxId, overlap);
    }

    /** The highest id of the model, its lineage and its {@value #MAX_SEGMENT_ID_TAG} tag. */
    public static int maxSegmentIdEverUsed(SegmentModel model) {
        int max = -1;
        for (Segment s : model.getSegments()) {
            max = Math.max(max, s.getSegmentId());
        }
        for (LineageEvent e : model.getLineage()) {
            for (int id : e.getFromSegments()) {
                max = Math.max(max, id);
            }
            for (int id : e.getToSegments()) {
                max = Math.max(max, id);
            }
        }
        String tag = model.getTags().get(MAX_SEGMENT_ID_TAG);
        if (tag != null) {
            try {
                max = Math.max(max, Integer.parseInt(tag.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("model " + model.getModelName() + " v" + model.getVersion()
                        + " has a malformed " + MAX_SEGMENT_ID_TAG + " tag: '" + tag + "'", e);
            }
        }
        return max;
    }

    private static List<Double> toList(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double x : v) {
            out.add(x);
        }
        return out;
    }
}
