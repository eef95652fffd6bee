package io.segmenta.transactions.synthetic;

import io.segmenta.avro.CustomerEvent;
import io.segmenta.transactions.TransactionMappings;
import io.segmenta.transactions.TransactionReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviours differ where they should, and a plain batch K-Means (the test's own, not the model's) on RFM-like
 * figures of the read-back events finds them reasonably but not perfectly: separable, with overlap.
 */
class SeparabilityTest {

    private static final GeneratorOptions OPTIONS = GeneratorOptions.defaults().withCustomers(1000).withSeed(3);

    @TempDir
    static Path dir;
    static TruthTimeline truth;
    static Map<String, CustomerFeatures> features;
    static Instant end;

    @BeforeAll
    static void generate() throws IOException {
        SyntheticDataset.Written w = SyntheticDataset.write(OPTIONS, dir, SyntheticDataset.Layout.SINGLE_FILE);
        List<CustomerEvent> events = new ArrayList<>();
        new TransactionReader(TransactionMappings.builtIn(TransactionMappings.ONLINE_RETAIL))
                .read(w.transactions(), events::add);
        truth = TruthTimeline.read(w.truth());
        features = CustomerFeatures.of(events);
        end = OPTIONS.end().atStartOfDay(TruthTimeline.ZONE).toInstant();
    }

    /** Mean of a figure per behaviour. */
    private static Map<String, Double> mean(java.util.function.ToDoubleFunction<CustomerFeatures> figure) {
        Map<String, double[]> sums = new TreeMap<>();
        features.forEach((id, f) -> {
            double[] s = sums.computeIfAbsent(truth.initialBehaviour(id), b -> new double[2]);
            s[0] += figure.applyAsDouble(f);
            s[1]++;
        });
        Map<String, Double> out = new TreeMap<>();
        sums.forEach((b, s) -> out.put(b, s[0] / s[1]));
        return out;
    }

    @Test
    void purchaseFrequencyOrdersTheBehaviours() {
        Map<String, Double> f = mean(CustomerFeatures::frequency);
        assertThat(f.get(Behaviours.REGULAR)).isGreaterThan(1.5 * f.get(Behaviours.PREMIUM_RETURNER));
        assertThat(f.get(Behaviours.PREMIUM_RETURNER)).isGreaterThan(1.3 * f.get(Behaviours.WHOLESALE));
        assertThat(f.get(Behaviours.WEEKEND_BARGAIN)).isGreaterThan(1.3 * f.get(Behaviours.WHOLESALE));
        assertThat(f.get(Behaviours.WHOLESALE)).isGreaterThan(1.3 * f.get(Behaviours.OCCASIONAL));
    }

    @Test
    void basketValueAndRefundsSeparateWhereFrequencyOverlaps() {
        Map<String, Double> basket = mean(CustomerFeatures::basket);
        assertThat(basket.get(Behaviours.WHOLESALE)).isGreaterThan(3 * basket.get(Behaviours.REGULAR));
        assertThat(basket.get(Behaviours.PREMIUM_RETURNER)).isGreaterThan(2 * basket.get(Behaviours.WEEKEND_BARGAIN));
        assertThat(basket.get(Behaviours.WEEKEND_BARGAIN)).isGreaterThan(2 * basket.get(Behaviours.OCCASIONAL));

        Map<String, Double> refunds = mean(CustomerFeatures::refundInvoiceShare);
        assertThat(refunds.get(Behaviours.PREMIUM_RETURNER)).isGreaterThan(0.2);
        assertThat(refunds.get(Behaviours.WEEKEND_BARGAIN)).isBetween(0.07, 0.17);
        assertThat(refunds.get(Behaviours.REGULAR)).isLessThan(0.05);
    }

    @Test
    void aPlainKMeansOnRfmAndRefundsRecoversTheBehavioursReasonably() {
        List<String> ids = new ArrayList<>(features.keySet());
        List<String> names = Behaviours.names();
        double[][] rfm = new double[ids.size()][];
        double[][] fmr = new double[ids.size()][];
        int[] labels = new int[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            double[] v = features.get(ids.get(i)).vector(end);
            rfm[i] = v;
            fmr[i] = new double[]{v[0], v[1], v[2]};
            labels[i] = names.indexOf(truth.initialBehaviour(ids.get(i)));
        }
        double withRecency = KMeans.adjustedRandIndex(labels, KMeans.cluster(rfm, names.size(), 1));
        double withoutRecency = KMeans.adjustedRandIndex(labels, KMeans.cluster(fmr, names.size(), 1));
        System.out.printf(java.util.Locale.ROOT, "K-Means ARI: %.3f with recency, %.3f without%n", withRecency,
                withoutRecency);
        // recency splits the bursty occasional buyers into recent and lapsed ones: it costs, by design
        assertThat(withRecency).isBetween(0.35, 0.95);
        assertThat(withoutRecency).isBetween(0.5, 0.95);
    }
}
