package io.segmenta.fitting.assembly;

import io.segmenta.avro.Algorithm;
import io.segmenta.avro.Segment;
import io.segmenta.avro.SegmentModel;
import io.segmenta.fitting.Blobs;
import io.segmenta.fitting.gmm.CovarianceType;
import io.segmenta.fitting.gmm.GaussianMixtureModelData;
import io.segmenta.fitting.kmeans.MiniBatchKMeans;
import io.segmenta.fitting.kmeans.MiniBatchKMeansModel;
import io.segmenta.fitting.kmeans.MiniBatchKMeansParams;
import io.segmenta.fitting.quality.QualityReport;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The one reader of published models, and its rule for what a model leaves out. */
class SegmentModelsTest {

    private static final Blobs BLOBS = Blobs.generate(3, 2, 100, 6, 8, 3);
    private final SegmentModelAssembler assembler = new SegmentModelAssembler();

    private SegmentModel kmeansModel() {
        MiniBatchKMeansModel m = new MiniBatchKMeans(MiniBatchKMeansParams.defaults(3)).fit(BLOBS.rows());
        return assembler.assemble(Models.kmeansInput(m, BLOBS.rows()));
    }

    private SegmentModel gmmModel() {
        SegmentFit kmeans = SegmentModels.read(kmeansModel());
        SegmentFit fit = SegmentFit.of(Algorithm.GMM_DIAGONAL, kmeans.centroids(), new double[] {0.2, 0.3, 0.5},
                new double[][] {{1, 2}, {1, 2}, {1, 2}}, kmeans.sizes());
        return assembler.assemble(new AssemblyInput("default", Models.identitySpec(2), fit, List.of(),
                QualityReport.kmeans(BLOBS.rows(), fit.centroids(), 100, 1), Models.window(300), null, null, null));
    }

    private static SegmentModel withSegments(SegmentModel model, UnaryOperator<Segment> change) {
        return SegmentModel.newBuilder(model)
                .setSegments(new ArrayList<>(model.getSegments().stream().map(change).toList())).build();
    }

    @Test
    void readsBackWhatTheAssemblerWrote() {
        SegmentModel model = gmmModel();

        SegmentFit read = SegmentModels.read(model);

        assertThat(read.algorithm()).isEqualTo(Algorithm.GMM_DIAGONAL);
        assertThat(read.weights()).containsExactly(0.2, 0.3, 0.5);
        assertThat(read.covariance(1)).containsExactly(1, 2);
        assertThat(read.centroid(2)).containsExactly(model.getSegments().get(2).getCentroid().stream()
                .mapToDouble(Double::doubleValue).toArray());
    }

    @Test
    void aMissingWeightIsTheSegmentsShareOfTheSizes() {
        SegmentModel model = withSegments(gmmModel(), s -> Segment.newBuilder(s).setWeight(null).build());
        long total = model.getSegments().stream().mapToLong(s -> s.getSize()).sum();

        double[] weights = SegmentModels.read(model).weights();

        for (int c = 0; c < 3; c++) {
            assertThat(weights[c]).isCloseTo((double) model.getSegments().get(c).getSize() / total, within(1e-12));
        }
    }

    @Test
    void aMixtureSegmentWithoutACovarianceIsRefused() {
        SegmentModel model = withSegments(gmmModel(), s -> s.getSegmentId() != 0 ? s
                : Segment.newBuilder(s).setCovariance(null).build());

        assertThatThrownBy(() -> SegmentModels.read(model)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no covariance");
    }

    @Test
    void aKMeansModelStartsAMixtureWithUnitVariancesAndSizeShares() {
        SegmentModel model = kmeansModel();

        GaussianMixtureModelData start = SegmentModels.read(model).asMixture(CovarianceType.FULL);

        assertThat(start.covariances()[0]).containsExactly(1, 0, 0, 1);
        assertThat(start.weights()[0]).isCloseTo((double) model.getSegments().get(0).getSize() / 300, within(1e-12));
        assertThat(SegmentModels.read(model).weights()).isNull();
    }
}
