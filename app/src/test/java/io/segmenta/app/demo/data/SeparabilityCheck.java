package io.segmenta.app.demo.data;

import io.segmenta.assigner.events.EventRules;
import io.segmenta.assigner.features.FeatureVectorizer;
import io.segmenta.assigner.profile.CustomerProfile;
import io.segmenta.assigner.profile.ProfileFolder;
import io.segmenta.assigner.profile.ProfileSnapshot;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.FeatureSpec;
import io.segmenta.fitting.features.FeatureColumn;
import io.segmenta.fitting.features.FeatureSpecFitter;
import io.segmenta.fitting.kmeans.MiniBatchKMeans;
import io.segmenta.fitting.kmeans.MiniBatchKMeansModel;
import io.segmenta.fitting.kmeans.MiniBatchKMeansParams;
import io.segmenta.fitting.quality.ClusteringMetrics;
import io.segmenta.trainer.config.TrainerSettings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The separability experiment: folds a population's events into profiles (half-life 30 days) as the core does,
 * vectorizes them with the trainer's default features (standardized, log1p on counts and money), clusters with
 * mini-batch K-Means with k = the number of true segments and compares with the truth (ARI).
 */
final class SeparabilityCheck {

    record Result(double ari, int k, int customers, long events, Map<String, double[]> meansBySegment,
                  List<String> columns, Map<String, int[]> confusion) {
    }

    private SeparabilityCheck() {
    }

    static Result run(SyntheticPopulation population, long kmeansSeed) {
        ProfileFolder folder = new ProfileFolder(30.0, EventRules.DEFAULTS);
        Map<String, CustomerProfile> profiles = new HashMap<>();
        long events = 0;
        for (Iterator<CustomerEvent> it = population.events(); it.hasNext(); ) {
            CustomerEvent e = it.next();
            folder.fold(profiles.computeIfAbsent(e.getCustomerId(), id -> folder.newProfile()), e);
            events++;
        }
        long asOf = population.end().toEpochMilli();
        List<String> ids = new ArrayList<>();
        List<ProfileSnapshot> rows = new ArrayList<>();
        for (SyntheticCustomer c : population.customers()) {
            CustomerProfile p = profiles.get(c.id());
            if (p != null) {
                ids.add(c.id());
                rows.add(p.asOf(asOf));
            }
        }
        // read at the timeline's end, so the features are those of that read time (recency and the decayed counts):
        // two of the generator's segments are defined by how long ago their customers bought
        List<FeatureColumn> columns = TrainerSettings.defaultFeatures(io.segmenta.avro.FeatureTime.WINDOW_END);
        FeatureSpec spec = FeatureSpecFitter.fit(columns, rows, 30.0);
        FeatureVectorizer vectorizer = FeatureVectorizer.compile(spec);
        double[][] data = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            data[i] = vectorizer.vectorize(rows.get(i));
        }
        List<String> names = population.segmentNames();
        int k = names.size();
        int[] truth = new int[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            truth[i] = names.indexOf(population.truth(ids.get(i)));
        }
        MiniBatchKMeansModel model = new MiniBatchKMeans(MiniBatchKMeansParams.defaults(k).withSeed(kmeansSeed))
                .fit(data);
        int[] predicted = model.predict(data);
        double ari = ClusteringMetrics.adjustedRandIndex(truth, predicted);

        Map<String, double[]> means = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < data.length; i++) {
            String s = names.get(truth[i]);
            double[] m = means.computeIfAbsent(s, x -> new double[vectorizer.dimension()]);
            for (int j = 0; j < m.length; j++) {
                m[j] += data[i][j];
            }
            counts.merge(s, 1, Integer::sum);
        }
        means.forEach((s, m) -> {
            for (int j = 0; j < m.length; j++) {
                m[j] /= counts.get(s);
            }
        });
        Map<String, int[]> confusion = new java.util.LinkedHashMap<>();
        names.forEach(n -> confusion.put(n, new int[k]));
        for (int i = 0; i < truth.length; i++) {
            confusion.get(names.get(truth[i]))[predicted[i]]++;
        }
        return new Result(ari, k, ids.size(), events, means, vectorizer.columnNames(), confusion);
    }

    /** For tuning: prints the ARI and each segment's mean scaled vector. */
    public static void main(String[] args) {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 180;
        boolean drift = args.length <= 2 || Boolean.parseBoolean(args[2]);
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 42;
        long t0 = System.nanoTime();
        SyntheticPopulation population = SyntheticPopulation.generate(SyntheticOptions.defaults()
                .withCustomers(customers).withDays(days).withDrift(drift).withSeed(seed)
                .withEnd(Instant.parse("2026-01-01T00:00:00Z")));
        Result r = run(population, 42);
        System.out.printf("ARI %.3f (k=%d, %d customers, %d events, %.1f s)%n", r.ari(), r.k(), r.customers(),
                r.events(), (System.nanoTime() - t0) / 1e9);
        System.out.printf("%-24s", "");
        r.columns().forEach(c -> System.out.printf("%9.9s", c));
        System.out.println();
        r.meansBySegment().forEach((s, m) -> {
            System.out.printf("%-24s", s);
            for (double v : m) {
                System.out.printf("%9.2f", v);
            }
            System.out.println();
        });
        r.confusion().forEach((s, row) -> System.out.printf("%-24s%s%n", s, java.util.Arrays.toString(row)));
    }
}
