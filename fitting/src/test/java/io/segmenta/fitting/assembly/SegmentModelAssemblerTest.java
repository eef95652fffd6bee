package io.segmenta.fitting.assembly;

import io.segmenta.assigner.features.FeatureSpecs;
import io.segmenta.avro.Algorithm;
import io.segmenta.avro.FeatureDef;
import io.segmenta.avro.FeatureSpec;
import io.segmenta.avro.LineageEvent;
import io.segmenta.avro.LineageKind;
import io.segmenta.avro.QualityMetrics;
import io.segmenta.avro.Segment;
import io.segmenta.avro.SegmentModel;
import io.segmenta.fitting.Blobs;
import io.segmenta.fitting.gmm.CovarianceType;
import io.segmenta.fitting.gmm.GaussianMixture;
import io.segmenta.fitting.gmm.GaussianMixtureModel;
import io.segmenta.fitting.gmm.GaussianMixtureParams;
import io.segmenta.fitting.kmeans.MiniBatchKMeans;
import io.segmenta.fitting.kmeans.MiniBatchKMeansModel;
import io.segmenta.fitting.kmeans.MiniBatchKMeansParams;
import io.segmenta.fitting.lineage.SegmentMatcher;
import io.segmenta.fitting.profile.SegmentLabeler;
import io.segmenta.fitting.profile.SegmentProfiler;
import io.segmenta.fitting.quality.QualityReport;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SegmentModelAssemblerTest {

    private static final Instant NOW = Instant.parse("2025-02-01T12:00:00Z");
    private static final Blobs BLOBS = Blobs.generate(3, 2, 300, 6, 8, 7);
    private final SegmentModelAssembler assembler = new SegmentModelAssembler(new SegmentMatcher(),
            new SegmentLabeler(), Clock.fixed(NOW, ZoneOffset.UTC));

    private MiniBatchKMeansModel fit(double[][] rows) {
        return new MiniBatchKMeans(MiniBatchKMeansParams.defaults(3).withBatchSize(200)).fit(rows);
    }

    @Test
    void aFirstModelIsVersionOneWithFreshIdsAndCompleteSegments() throws IOException {
        MiniBatchKMeansModel model = fit(BLOBS.rows());
        SegmentModel m = assembler.assemble(Models.kmeansInput(model, BLOBS.rows()));

        assertThat(m.getVersion()).isEqualTo(1);
        assertThat(m.getParentVersion()).isNull();
        assertThat(m.getAlgorithm()).isEqualTo(Algorithm.KMEANS);
        assertThat(m.getCreatedAt()).isEqualTo(NOW);
        assertThat(m.getSegments()).extracting(Segment::getSegmentId).containsExactly(0, 1, 2);
        assertThat(m.getSegments()).extracting(Segment::getLabel).doesNotHaveDuplicates();
        assertThat(m.getSegments()).allSatisfy(s -> {
            assertThat(s.getCentroid()).hasSize(2);
            assertThat(s.getSize()).isEqualTo(300);
            assertThat(s.getProfile()).containsKeys("f0", "f1");
            assertThat(s.getZScores()).containsKeys("f0", "f1");
            assertThat(s.getSuggestedAction()).isNotBlank();
            assertThat(s.getWeight()).isNull();
            assertThat(s.getCovariance()).isNull();
        });
        assertThat(m.getLineage()).extracting(LineageEvent::getKind).containsOnly(LineageKind.BIRTH);
        assertThat(m.getTags()).containsEntry(SegmentModelAssembler.MAX_SEGMENT_ID_TAG, "2");
        assertThat(roundTrip(m)).isEqualTo(m);
    }

    @Test
    void aRefitIsTheNextVersionAndKeepsIds() {
        MiniBatchKMeansModel first = fit(BLOBS.rows());
        SegmentModel v1 = assembler.assemble(Models.kmeansInput(first, BLOBS.rows()));
        MiniBatchKMeansModel second = new MiniBatchKMeans(MiniBatchKMeansParams.defaults(3).withBatchSize(200)
                .withSeed(5)).fit(BLOBS.rows());
        SegmentModel v2 = assembler.assemble(Models.kmeansInput(second, BLOBS.rows())
                .withParent(v1, MemberSample.same(BLOBS.rows())));
        assertThat(v2.getVersion()).isEqualTo(2);
        assertThat(v2.getParentVersion()).isEqualTo(1);
        assertThat(Models.segmentIds(v2, BLOBS.rows())).isEqualTo(Models.segmentIds(v1, BLOBS.rows()));
        assertThat(v2.getLineage()).extracting(LineageEvent::getKind).containsOnly(LineageKind.SURVIVED);
        assertThat(v2.getLineage()).allSatisfy(e -> assertThat(e.getOverlap()).isGreaterThan(0.99));
    }

    @Test
    void aChangedFeatureLayoutRetiresEveryParentSegmentAndNeverReusesIds() {
        SegmentModel v1 = assembler.assemble(Models.kmeansInput(fit(BLOBS.rows()), BLOBS.rows()));
        SegmentModel parent = SegmentModel.newBuilder(v1)
                .setTags(Map.of(SegmentModelAssembler.MAX_SEGMENT_ID_TAG, "41")).build();
        FeatureSpec identity = Models.identitySpec(2);
        FeatureSpec other = FeatureSpecs.of(List.of(FeatureDef.newBuilder(identity.getFeatures().get(0))
                .setName("renamed").build(), identity.getFeatures().get(1)), 30);
        AssemblyInput in = Models.kmeansInput(fit(BLOBS.rows()), BLOBS.rows());
        SegmentModel v2 = assembler.assemble(new AssemblyInput("default", other, in.fit(), in.profiles(), in.quality(),
                in.window(), parent, null, Map.of("producer", "test")));
        assertThat(v2.getSegments()).extracting(Segment::getSegmentId).containsExactly(42, 43, 44);
        assertThat(v2.getLineage()).filteredOn(e -> e.getKind() == LineageKind.DEATH).hasSize(3);
        assertThat(v2.getTags()).containsEntry(SegmentModelAssembler.MAX_SEGMENT_ID_TAG, "44")
                .containsEntry("producer", "test").containsKey(SegmentModelAssembler.LAYOUT_CHANGE_TAG);
    }

    @Test
    void gmmModelsCarryWeightsAndCovariances() {
        GaussianMixtureModel gmm = new GaussianMixture(GaussianMixtureParams.defaults(3, CovarianceType.FULL))
                .fit(BLOBS.rows());
        double[][] rows = BLOBS.rows();
        QualityMetrics q = QualityReport.gmm(rows, gmm, 500, 1);
        SegmentModel m = assembler.assemble(AssemblyInput.of("default", Models.identitySpec(2),
                SegmentFit.gmm(gmm, rows), SegmentProfiler.profile(rows, Models.names(2), gmm.predict(rows), 3), q,
                Models.window(rows.length)));
        assertThat(m.getAlgorithm()).isEqualTo(Algorithm.GMM_FULL);
        assertThat(m.getSegments()).allSatisfy(s -> {
            assertThat(s.getWeight()).isBetween(0.2, 0.5);
            assertThat(s.getCovariance()).hasSize(4);
        });
        assertThat(m.getQuality().getBic()).isNotNull();
        // a GMM parent assigns by posterior: the refit keeps every id
        SegmentModel v2 = assembler.assemble(AssemblyInput.of("default", Models.identitySpec(2),
                        SegmentFit.gmm(gmm, rows), List.of(), q, Models.window(rows.length))
                .withParent(m, MemberSample.same(rows)));
        assertThat(v2.getSegments()).extracting(Segment::getLabel).allMatch(l -> l.startsWith("Segment "));
        assertThat(v2.getLineage()).extracting(LineageEvent::getKind).containsOnly(LineageKind.SURVIVED);
    }

    @Test
    void maxSegmentIdEverUsedLooksAtSegmentsLineageAndTag() {
        SegmentModel v1 = assembler.assemble(Models.kmeansInput(fit(BLOBS.rows()), BLOBS.rows()));
        assertThat(SegmentModelAssembler.maxSegmentIdEverUsed(v1)).isEqualTo(2);
        SegmentModel withDeath = SegmentModel.newBuilder(v1).setTags(Map.of())
                .setLineage(List.of(LineageEvent.newBuilder().setKind(LineageKind.DEATH)
                        .setFromSegments(List.of(17)).setToSegments(List.of()).build())).build();
        assertThat(SegmentModelAssembler.maxSegmentIdEverUsed(withDeath)).isEqualTo(17);
        SegmentModel broken = SegmentModel.newBuilder(v1)
                .setTags(Map.of(SegmentModelAssembler.MAX_SEGMENT_ID_TAG, "x")).build();
        assertThatThrownBy(() -> SegmentModelAssembler.maxSegmentIdEverUsed(broken)).hasMessageContaining("malformed");
    }

    @Test
    void rejectsInconsistentInput() {
        AssemblyInput in = Models.kmeansInput(fit(BLOBS.rows()), BLOBS.rows());
        assertThatThrownBy(() -> assembler.assemble(new AssemblyInput("default", Models.identitySpec(3), in.fit(),
                in.profiles(), in.quality(), in.window(), null, null, null))).hasMessageContaining("dimension 2");
        assertThatThrownBy(() -> assembler.assemble(new AssemblyInput("default", in.featureSpec(), in.fit(),
                in.profiles().subList(0, 2), in.quality(), in.window(), null, null, null)))
                .hasMessageContaining("one profile per cluster");
        SegmentModel v1 = assembler.assemble(in);
        SegmentModel otherName = SegmentModel.newBuilder(v1).setModelName("other").build();
        assertThatThrownBy(() -> assembler.assemble(in.withParent(otherName, null)))
                .hasMessageContaining("belongs to model 'other'");
        assertThatThrownBy(() -> new MemberSample(new double[][] {{1, 2}}, new double[][] {{1, 2}, {3, 4}}))
                .hasMessageContaining("same customers");
    }

    private static SegmentModel roundTrip(SegmentModel m) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(SegmentModel.class).write(m, enc);
        enc.flush();
        BinaryDecoder dec = DecoderFactory.get().binaryDecoder(out.toByteArray(), null);
        return new SpecificDatumReader<>(SegmentModel.class).read(null, dec);
    }
}
