package io.segmenta.fitting.refit;

import io.segmenta.avro.FeatureTime;
import io.segmenta.avro.LineageEvent;
import io.segmenta.avro.LineageKind;
import io.segmenta.avro.Segment;
import io.segmenta.avro.SegmentModel;
import io.segmenta.fitting.Blobs;
import io.segmenta.fitting.assembly.SegmentFit;
import io.segmenta.fitting.assembly.SegmentModelAssembler;
import io.segmenta.fitting.assembly.SegmentModels;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static io.segmenta.fitting.refit.Windows.counts;
import static io.segmenta.fitting.refit.Windows.first;
import static io.segmenta.fitting.refit.Windows.known;
import static io.segmenta.fitting.refit.Windows.nextEnd;
import static io.segmenta.fitting.refit.Windows.sampleOnly;
import static io.segmenta.fitting.refit.Windows.segmentId;
import static io.segmenta.fitting.refit.Windows.settings;
import static io.segmenta.fitting.refit.Windows.twoWorkers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every path of the refit policy, called as the plain function it is. */
class RefitPolicyTest {

    private static final Blobs THREE = Blobs.generate(3, 2, 100, 6, 8, 3);
    private static final Blobs FOUR = Blobs.generate(4, 2, 100, 6, 8, 4);

    private static RefitPolicy policy(RefitPolicySettings settings) {
        return new RefitPolicy(settings, Clock.systemUTC());
    }

    private static SegmentModel firstModel(Blobs blobs, int k) {
        RefitOutcome outcome = policy(settings(k, k)).apply(first(blobs.rows()));
        assertThat(outcome.path()).isEqualTo(RefitPath.FIRST_FIT);
        return outcome.model();
    }

    /** Another week of the same customers: the same centres, new noise. */
    private static double[][] sameCentres(Blobs blobs, long seed) {
        return Blobs.around(blobs.centers(), 100, new Random(seed)).rows();
    }

    @Test
    void firstModelWithAFixedKFindsTheBlobs() {
        RefitOutcome outcome = policy(settings(3, 3)).apply(first(THREE.rows()));

        assertThat(outcome.path()).isEqualTo(RefitPath.FIRST_FIT);
        SegmentModel model = outcome.model();
        assertThat(model.getVersion()).isEqualTo(1);
        assertThat(model.getSegments()).hasSize(3);
        assertThat(model.getTags()).containsEntry(RefitPolicy.DECISION_TAG, "first model, k=3 (fixed)")
                .containsEntry(RefitPolicy.PRODUCER_TAG, "test");
        assertThat(outcome.specRefit().status()).isEqualTo(SpecRefit.Status.NOT_ATTEMPTED);
        // every blob is one segment, and no two blobs share one
        Set<String> pairs = new HashSet<>();
        for (int i = 0; i < THREE.rows().length; i++) {
            pairs.add(THREE.truth()[i] + "->" + segmentId(model, THREE.rows()[i]));
        }
        assertThat(pairs).hasSize(3);
    }

    @Test
    void firstModelChoosesKWhenTheRangeAllows() {
        RefitOutcome outcome = policy(settings(2, 6)).apply(first(FOUR.rows()));

        assertThat(outcome.path()).isEqualTo(RefitPath.FIRST_FIT);
        assertThat(outcome.model().getSegments()).hasSize(4);
        assertThat(outcome.model().getTags().get(RefitPolicy.DECISION_TAG))
                .startsWith("first model, k=4 (highest mean silhouette");
    }

    @Test
    void firstModelLeavesOutAFeatureNobodyHasYet() {
        RefitPolicySettings settings = settings(3, 3).toBuilder().features(List.of(Windows.raw(Windows.A),
                Windows.raw(Windows.B), Windows.raw(io.segmenta.assigner.features.FeatureCatalog.SESSIONS))).build();

        RefitOutcome outcome = policy(settings).apply(first(THREE.rows()));

        assertThat(outcome.model().getFeatureSpec().getFeatures()).extracting(f -> f.getName())
                .containsExactly(Windows.A, Windows.B);
        assertThat(outcome.model().getTags().get(RefitPolicy.DROPPED_FEATURES_TAG)).startsWith("sessions");
    }

    @Test
    void theReadTimeOfTheSettingsIsTheSpecsAndCarriesOverToRefits() {
        // (the test columns are recency and frequency: here the same values under names a last-event spec may read)
        List<io.segmenta.fitting.features.FeatureColumn> behaviour = List.of(Windows.raw(Windows.A_BEHAVIOUR),
                Windows.raw(Windows.B));
        RefitPolicySettings lastEvent = settings(3, 3).toBuilder().features(behaviour).readAt(FeatureTime.LAST_EVENT)
                .build();
        SegmentModel first = policy(lastEvent).apply(first(THREE.rows())).model();

        RefitOutcome refit = policy(lastEvent).apply(sampleOnly(known(sameCentres(THREE, 9), first), first));

        assertThat(first.getFeatureSpec().getReadAt()).isEqualTo(FeatureTime.LAST_EVENT);
        assertThat(refit.model().getFeatureSpec().getReadAt()).isEqualTo(FeatureTime.LAST_EVENT);
        assertThat(refit.model().getFeatureSpec().getHash()).isEqualTo(first.getFeatureSpec().getHash());
        // recency read at the customer's last event is 0 for everyone: a configuration error, not a feature
        assertThatThrownBy(() -> lastEvent.toBuilder().features(Windows.rawColumns()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recency_days");
    }

    @Test
    void tooFewCustomersPublishNothing() {
        double[][] fifteen = java.util.Arrays.copyOf(THREE.rows(), 15);

        RefitOutcome outcome = policy(settings(2, 2)).apply(first(fifteen));

        assertThat(outcome.path()).isEqualTo(RefitPath.NOT_ENOUGH_DATA);
        assertThat(outcome.published()).isFalse();
        assertThat(outcome.decision()).contains("15 sampled, 20 needed");
    }

    @Test
    void mergesThePartialSumsWhenEveryWorkerComputedAgainstTheParent() {
        SegmentModel parent = firstModel(THREE, 3);
        double[][] week = sameCentres(THREE, 5);
        long end = nextEnd(parent);
        RefitInput in = new RefitInput(known(week, parent), twoWorkers(parent, week, end, parent.getVersion()),
                counts(end, week.length), parent);

        RefitOutcome outcome = policy(settings(3, 3)).apply(in);

        assertThat(outcome.path()).isEqualTo(RefitPath.MERGED_PARTIAL_SUMS);
        SegmentModel model = outcome.model();
        assertThat(model.getVersion()).isEqualTo(2);
        assertThat(model.getParentVersion()).isEqualTo(1L);
        assertThat(model.getTags().get(RefitPolicy.DECISION_TAG))
                .isEqualTo("merged partial sums of 300 customers from 2 workers");
        // the sums live in the parent's space: its spec is kept, on purpose
        assertThat(model.getFeatureSpec()).isEqualTo(parent.getFeatureSpec());
        assertThat(outcome.specRefit().status()).isEqualTo(SpecRefit.Status.NOT_ATTEMPTED);
        assertThat(model.getLineage()).extracting(LineageEvent::getKind).containsOnly(LineageKind.SURVIVED);
        assertThat(ids(model)).isEqualTo(ids(parent));
    }

    @Test
    void fitsTheSampleWhenOneWorkerComputedAgainstAnOlderModel() {
        SegmentModel parent = firstModel(THREE, 3);
        double[][] week = sameCentres(THREE, 5);
        long end = nextEnd(parent);
        RefitInput in = new RefitInput(known(week, parent), twoWorkers(parent, week, end, WorkerPartialSums.NO_MODEL),
                counts(end, week.length), parent);

        RefitOutcome outcome = policy(settings(3, 3)).apply(in);

        assertThat(outcome.path()).isEqualTo(RefitPath.SAMPLE_WARM_START);
        assertThat(outcome.model().getTags().get(RefitPolicy.DECISION_TAG))
                .startsWith("warm-started fit on a sample of 300");
        assertThat(outcome.specRefit().status()).isEqualTo(SpecRefit.Status.REFITTED);
        assertThat(outcome.model().getTags().get(SpecRefit.TAG)).startsWith("refitted");
        for (double[] centre : THREE.centers()) {
            assertThat(segmentId(outcome.model(), centre)).isEqualTo(segmentId(parent, centre));
        }
    }

    @Test
    void theGateRefusesARefitWithHalfAsMuchInertiaAgainAsTheParent() {
        // the workers' sums describe customers one unit off in both features (inertia per customer 2 -> about 4),
        // and a decay of 0 forgets the parent: the merged centres sit off the window's sample, twice its inertia
        SegmentModel parent = firstModel(THREE, 3);
        double[][] week = sameCentres(THREE, 5);
        double[][] shifted = new double[week.length][];
        for (int i = 0; i < week.length; i++) {
            shifted[i] = new double[] {week[i][0] + 1, week[i][1] + 1};
        }
        long end = nextEnd(parent);
        RefitInput in = new RefitInput(known(week, parent), twoWorkers(parent, shifted, end, parent.getVersion()),
                counts(end, week.length), parent);
        RefitPolicySettings forgetful = settings(3, 3).toBuilder().decayFactor(0).build();

        RefitOutcome refused = policy(forgetful).apply(in);
        RefitOutcome tolerated = policy(forgetful.toBuilder().maxInertiaIncrease(3.0).build()).apply(in);

        assertThat(refused.path()).isEqualTo(RefitPath.REFUSED_BY_GATE);
        assertThat(refused.published()).isFalse();
        assertThat(refused.decision()).startsWith("refused refit of v1 (merged partial sums").contains("gate +50%");
        assertThat(tolerated.path()).isEqualTo(RefitPath.MERGED_PARTIAL_SUMS);
        assertThat(tolerated.model().getVersion()).isEqualTo(2);
    }

    @Test
    void kChangesOnlyWithTheConfiguredSilhouetteGain() {
        // a parent with k = 2 on four blobs: a k of 4 is clearly better, by a silhouette gain well under 1
        SegmentModel parent = firstModel(FOUR, 2);
        RefitInput in = sampleOnly(known(sameCentres(FOUR, 6), parent), parent);

        RefitOutcome allowed = policy(settings(2, 6).toBuilder().minSilhouetteGainForNewK(0.0).build()).apply(in);
        RefitOutcome forbidden = policy(settings(2, 6).toBuilder().minSilhouetteGainForNewK(1.0).build()).apply(in);

        assertThat(allowed.path()).isEqualTo(RefitPath.K_CHANGED);
        assertThat(allowed.model().getSegments()).hasSize(4);
        assertThat(allowed.model().getTags().get(RefitPolicy.DECISION_TAG)).startsWith("k changed 2 -> 4");
        assertThat(forbidden.path()).isIn(RefitPath.SAMPLE_WARM_START, RefitPath.SAMPLE_FRESH);
        assertThat(forbidden.model().getSegments()).hasSize(2);
    }

    @Test
    void aRefitThatIsNotClearlyBetterKeepsTheParentsGeometrySoNobodyMoves() {
        SegmentModel parent = firstModel(THREE, 3);
        RefitPolicy policy = policy(settings(3, 3).toBuilder().minInertiaGain(0.05).build());

        RefitOutcome outcome = policy.apply(sampleOnly(known(sameCentres(THREE, 7), parent), parent));

        assertThat(outcome.path()).isEqualTo(RefitPath.KEPT_PARENT_GEOMETRY);
        SegmentModel model = outcome.model();
        assertThat(model.getVersion()).isEqualTo(parent.getVersion() + 1);
        assertThat(model.getFeatureSpec()).isEqualTo(parent.getFeatureSpec());
        assertThat(model.getSegments()).extracting(s -> s.getCentroid())
                .containsExactlyElementsOf(parent.getSegments().stream().map(s -> s.getCentroid()).toList());
        assertThat(model.getLineage()).allSatisfy(e -> assertThat(e.getKind()).isEqualTo(LineageKind.SURVIVED));
        assertThat(model.getSegments()).extracting(s -> s.getSize()).containsExactlyInAnyOrderElementsOf(
                sizesOf(SegmentModels.read(parent).withSizesOf(sameCentres(THREE, 7))));
        assertThat(model.getTags().get(RefitPolicy.DECISION_TAG)).startsWith("kept v1's centroids")
                .contains("under the 5% needed");
    }

    private static List<Long> sizesOf(SegmentFit fit) {
        return java.util.Arrays.stream(fit.sizes()).boxed().toList();
    }

    @Test
    void aClearlyBetterRefitStillReplacesThem() {
        SegmentModel parent = firstModel(THREE, 3);
        double[][] moved = sameCentres(THREE, 7);
        for (double[] row : moved) {
            row[0] += 4; // every group moved along the first feature: the parent's centres are now far off
        }
        RefitPolicy policy = policy(settings(3, 3).toBuilder().minInertiaGain(0.05).build());

        RefitOutcome outcome = policy.apply(sampleOnly(known(moved, parent), parent));

        assertThat(outcome.path()).isIn(RefitPath.SAMPLE_WARM_START, RefitPath.SAMPLE_FRESH);
        assertThat(outcome.model().getSegments().get(0).getCentroid())
                .isNotEqualTo(parent.getSegments().get(0).getCentroid());
    }

    @Test
    void kChangesOnlyWhenTheSameKWinsInConsecutiveWindows() {
        SegmentModel parent = firstModel(FOUR, 2);
        RefitPolicy policy = policy(settings(2, 6).toBuilder().minSilhouetteGainForNewK(0.0).kChangeWindows(2).build());

        RefitOutcome first = policy.apply(sampleOnly(known(sameCentres(FOUR, 6), parent), parent));
        RefitOutcome second = policy.apply(sampleOnly(known(sameCentres(FOUR, 7), first.model()), first.model()));

        assertThat(first.path()).isIn(RefitPath.SAMPLE_WARM_START, RefitPath.SAMPLE_FRESH);
        assertThat(first.model().getSegments()).hasSize(2);
        assertThat(first.model().getTags().get(KProposal.TAG)).isEqualTo("4x1");
        assertThat(first.model().getTags().get(RefitPolicy.DECISION_TAG)).contains("k kept at 2 although k=4 won")
                .contains("1 of 2 consecutive windows");
        assertThat(second.path()).isEqualTo(RefitPath.K_CHANGED);
        assertThat(second.model().getSegments()).hasSize(4);
        assertThat(second.model().getTags()).doesNotContainKey(KProposal.TAG);
        assertThat(second.model().getTags().get(RefitPolicy.DECISION_TAG)).startsWith("k changed 2 -> 4")
                .contains("2 of 2 consecutive windows");
    }

    @Test
    void aWindowWithoutTheWinningKStartsTheCountAgain() {
        SegmentModel parent = firstModel(FOUR, 2);
        RefitPolicy proposing = policy(settings(2, 6).toBuilder().minSilhouetteGainForNewK(0.0).kChangeWindows(2)
                .build());
        RefitPolicy strict = policy(settings(2, 6).toBuilder().minSilhouetteGainForNewK(1.0).kChangeWindows(2)
                .build());

        RefitOutcome proposed = proposing.apply(sampleOnly(known(sameCentres(FOUR, 6), parent), parent));
        RefitOutcome quiet = strict.apply(sampleOnly(known(sameCentres(FOUR, 7), proposed.model()), proposed.model()));
        RefitOutcome again = proposing.apply(sampleOnly(known(sameCentres(FOUR, 8), quiet.model()), quiet.model()));

        assertThat(quiet.model().getTags()).doesNotContainKey(KProposal.TAG);
        assertThat(again.model().getSegments()).hasSize(2);
        assertThat(again.model().getTags().get(KProposal.TAG)).isEqualTo("4x1");
    }

    @Test
    void survivorsKeepTheirIdsAndANewGroupIsBornWithANewId() {
        SegmentModel parent = firstModel(THREE, 3);
        double[][] week = sameCentres(THREE, 7);
        double[] newCentre = {max(THREE.centers(), 0) + 20, max(THREE.centers(), 1) + 20};
        double[][] newcomers = Blobs.around(new double[][] {newCentre}, 100, new Random(8)).rows();
        List<SampledCustomer> sample = new java.util.ArrayList<>(known(week, parent));
        sample.addAll(Windows.newcomers(newcomers));

        RefitOutcome outcome = policy(settings(3, 6).toBuilder().minSilhouetteGainForNewK(0.0).build())
                .apply(sampleOnly(sample, parent));

        assertThat(outcome.path()).isEqualTo(RefitPath.K_CHANGED);
        SegmentModel model = outcome.model();
        assertThat(model.getSegments()).hasSize(4);
        for (double[] centre : THREE.centers()) {
            assertThat(segmentId(model, centre)).as("survivor at " + java.util.Arrays.toString(centre))
                    .isEqualTo(segmentId(parent, centre));
        }
        int born = segmentId(model, newCentre);
        assertThat(ids(parent)).doesNotContain(born);
        assertThat(born).isEqualTo(SegmentModelAssembler.maxSegmentIdEverUsed(parent) + 1);
        assertThat(model.getLineage()).filteredOn(e -> e.getKind() == LineageKind.BIRTH)
                .singleElement().satisfies(e -> assertThat(e.getToSegments()).containsExactly(born));
        assertThat(model.getLineage()).filteredOn(e -> e.getKind() == LineageKind.SURVIVED).hasSize(3);
    }

    private static List<Integer> ids(SegmentModel model) {
        return model.getSegments().stream().map(Segment::getSegmentId).sorted().toList();
    }

    private static double max(double[][] centres, int column) {
        double max = Double.NEGATIVE_INFINITY;
        for (double[] c : centres) {
            max = Math.max(max, c[column]);
        }
        return max;
    }
}
