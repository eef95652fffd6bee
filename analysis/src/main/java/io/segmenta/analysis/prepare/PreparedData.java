package io.segmenta.analysis.prepare;

import io.segmenta.assigner.features.FeatureCatalog;
import io.segmenta.assigner.features.FeatureSource;
import io.segmenta.assigner.features.FeatureVectorizer;
import io.segmenta.avro.FeatureSpec;

import java.util.List;

/**
 * The table made ready for clustering.
 *
 * @param spec                the fitted feature spec (imputation, log, one-hot, scaling), as a model would carry it
 * @param catalog             the features the spec reads
 * @param vectorizer          the spec compiled: the same code the assigner runs
 * @param x                   one scaled vector per row
 * @param numericFeatures     numeric input features, in spec order
 * @param categoricalFeatures categorical input features, in spec order
 * @param rows                the rows in original units, missing values still missing (for segment profiles)
 * @param steps               one sentence per feature saying what was done to it and why
 * @param knnFilled           values filled by KNN imputation (0 with median imputation)
 */
public record PreparedData(FeatureSpec spec, FeatureCatalog catalog, FeatureVectorizer vectorizer, double[][] x,
                           List<String> numericFeatures, List<String> categoricalFeatures,
                           List<? extends FeatureSource> rows, List<String> steps, int knnFilled) {

    public List<String> columnNames() {
        return vectorizer.columnNames();
    }

    public int dimension() {
        return vectorizer.dimension();
    }
}
