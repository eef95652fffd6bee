package io.segmenta.assigner.features;

import io.segmenta.avro.FeatureDef;
import io.segmenta.avro.FeatureKind;
import io.segmenta.avro.Imputation;
import io.segmenta.avro.Scaling;
import io.segmenta.avro.Transform;

import java.util.List;

/**
 * Feature definition builders with every enum set: the schema gives the enum types a default but not the
 * fields, so an Avro builder refuses to build without them.
 */
public final class FeatureDefs {

    private FeatureDefs() {
    }

    public static FeatureDef.Builder numeric(String name) {
        return FeatureDef.newBuilder().setName(name).setKind(FeatureKind.NUMERIC).setImpute(Imputation.NONE)
                .setTransform(Transform.NONE).setScaling(Scaling.NONE);
    }

    public static FeatureDef.Builder categorical(String name, String... categories) {
        return numeric(name).setKind(FeatureKind.CATEGORICAL).setCategories(List.of(categories));
    }
}
