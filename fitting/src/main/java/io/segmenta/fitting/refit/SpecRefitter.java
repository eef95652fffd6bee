package io.segmenta.fitting.refit;

import io.segmenta.assigner.features.FeatureSource;
import io.segmenta.assigner.features.FeatureSpecs;
import io.segmenta.avro.FeatureDef;
import io.segmenta.avro.FeatureKind;
import io.segmenta.avro.FeatureSpec;
import io.segmenta.fitting.features.FeatureColumn;
import io.segmenta.fitting.features.FeatureSpecFitter;
import io.segmenta.fitting.features.SpecAlignment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Re-fits centre, scale and imputation of the parent's layout on the window's sample, so that a scaler fitted on the
 * first, immature window does not distort the features for ever; or says why the parent's spec stays.
 */
final class SpecRefitter {

    private SpecRefitter() {
    }

    static SpecRefit refit(FeatureSpec parent, List<FeatureColumn> configured, List<FeatureSource> sample,
                           double halfLifeDays) {
        List<FeatureColumn> columns = new ArrayList<>();
        List<String> unconfigured = new ArrayList<>();
        for (FeatureDef def : parent.getFeatures()) {
            Optional<FeatureColumn> column = configured.stream().filter(c -> c.name().equals(def.getName()))
                    .findFirst();
            column.ifPresentOrElse(columns::add, () -> unconfigured.add(def.getName()));
        }
        if (!unconfigured.isEmpty()) {
            return SpecRefit.keptParent(parent, "the settings no longer configure " + unconfigured
                    + " of the parent's spec");
        }
        List<String> unobserved = columns.stream().filter(c -> !observed(c, sample)).map(FeatureColumn::name)
                .toList();
        if (!unobserved.isEmpty()) {
            return SpecRefit.keptParent(parent, "no observed value of " + unobserved + " in this window's sample");
        }
        FeatureSpec refitted;
        try {
            // the lineage's read time is part of its layout; RefitPolicy moves it to the configured one
            refitted = FeatureSpecs.readAt(FeatureSpecFitter.fit(columns, sample, halfLifeDays), parent.getReadAt());
        } catch (IllegalArgumentException e) {
            // columns, names and half-life were validated with the settings; what is left for the fitter to refuse
            // is this sample's values (an infinite value, a value LOG1P cannot take after clipping): a property of
            // the window's data, for which the parent's parameters still apply
            return SpecRefit.keptParent(parent, "this window's sample cannot be fitted: " + e.getMessage());
        }
        if (!SpecAlignment.compatible(parent, refitted)) {
            return SpecRefit.keptParent(parent, "the re-fitted layout differs from the parent's (hash "
                    + parent.getHash() + " vs " + refitted.getHash() + ": other categories or column definitions)");
        }
        return SpecRefit.refitted(refitted, sample.size());
    }

    static boolean observed(FeatureColumn column, List<FeatureSource> sample) {
        return sample.stream().anyMatch(r -> column.kind() == FeatureKind.CATEGORICAL
                ? r.category(column.name()) != null : !Double.isNaN(r.numeric(column.name())));
    }
}
