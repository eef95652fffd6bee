package io.segmenta.fitting.quality;

import io.segmenta.avro.QualityMetrics;
import io.segmenta.fitting.Blobs;
import io.segmenta.fitting.gmm.CovarianceType;
import io.segmenta.fitting.gmm.GaussianMixture;
import io.segmenta.fitting.gmm.GaussianMixtureModel;
import io.segmenta.fitting.gmm.GaussianMixtureParams;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class QualityReportTest {

    private static final Blobs BLOBS = Blobs.generate(3, 2, 1000, 5, 6, 4);

    @Test
    void kmeansReportFillsTheKMeansMetricsOnly() {
        QualityMetrics q = QualityReport.kmeans(BLOBS.rows(), BLOBS.centers(), 2000, 1);
        assertThat(q.getK()).isEqualTo(3);
        assertThat(q.getInertia()).isCloseTo(2.0 * 3000, within(600.0));
        assertThat(q.getSilhouette()).isBetween(0.4, 1.0);
        assertThat(q.getSilhouetteSampleSize()).isEqualTo(2000);
        assertThat(q.getDaviesBouldin()).isPositive();
        assertThat(q.getCalinskiHarabasz()).isGreaterThan(100);
        assertThat(q.getBic()).isNull();
        assertThat(q.getLogLikelihood()).isNull();
    }

    @Test
    void gmmReportHasLikelihoodAndBicButNoInertia() {
        GaussianMixtureModel model = new GaussianMixture(GaussianMixtureParams.defaults(3, CovarianceType.DIAGONAL))
                .fit(BLOBS.rows());
        QualityMetrics q = QualityReport.gmm(BLOBS.rows(), model, 500, 1);
        assertThat(q.getInertia()).isNull();
        assertThat(q.getLogLikelihood()).isCloseTo(model.logLikelihood(BLOBS.rows()), within(1e-6));
        assertThat(q.getBic()).isCloseTo(-2 * q.getLogLikelihood() + 14 * Math.log(3000), within(1e-6));
        assertThat(q.getSilhouetteSampleSize()).isEqualTo(500);
    }
}
