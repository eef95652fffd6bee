package io.segmenta.it.parity;

import io.segmenta.app.demo.data.SyntheticOptions;
import io.segmenta.app.demo.data.SyntheticPopulation;
import io.segmenta.assigner.events.EventRules;
import io.segmenta.assigner.features.FeatureSource;
import io.segmenta.assigner.features.FeatureVectorizer;
import io.segmenta.assigner.profile.CustomerProfile;
import io.segmenta.assigner.profile.ProfileFolder;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.FeatureSpec;
import io.segmenta.streams.state.CustomerState;
import io.segmenta.streams.state.CustomerStateCodec;
import io.segmenta.streams.state.EventIdHash;
import io.segmenta.trainer.fit.features.FeatureSpecFitter;
import io.segmenta.trainer.job.SampleRow;
import io.segmenta.trainer.job.TrainerCustomerState;
import io.segmenta.trainer.job.TrainerSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same events through the trainer's path (its keyed state bytes, re-read for every event as Flink does) and
 * the assigner's path (its store's bytes, likewise) give bit-identical feature vectors: the two services segment
 * the same customer the same way. Out-of-order events included.
 */
class TrainerAssignerParityTest {

    @Test
    void trainerAndAssignerComputeBitIdenticalVectors() {
        // given: synthetic customers with a few percent of out-of-order events
        SyntheticPopulation population = SyntheticPopulation.generate(SyntheticOptions.defaults().withCustomers(150)
                .withDays(45).withSeed(5).withEnd(Instant.parse("2026-06-01T00:00:00Z"))
                .withOutOfOrder(0.05, Duration.ofMinutes(10)));
        TrainerSettings settings = TrainerSettings.defaults();
        ProfileFolder folder = new ProfileFolder(settings.halfLifeDays(), EventRules.DEFAULTS);
        CustomerStateCodec assignerCodec = new CustomerStateCodec(64);
        Map<String, byte[]> trainerStore = new HashMap<>();
        Map<String, byte[]> assignerStore = new HashMap<>();
        long events = 0;

        // when: every event is folded by both paths, each reading and writing its own state bytes
        var stream = population.events();
        while (stream.hasNext()) {
            CustomerEvent e = stream.next();
            String id = e.getCustomerId();
            byte[] t = trainerStore.get(id);
            TrainerCustomerState trainer = t == null ? new TrainerCustomerState(folder.newProfile(), SampleRow.NONE)
                    : TrainerCustomerState.decode(t);
            folder.fold(trainer.profile, e);
            trainerStore.put(id, trainer.encode());

            byte[] a = assignerStore.get(id);
            CustomerState assigner = a == null ? CustomerState.empty(folder.newProfile(), 64) : assignerCodec.decode(a);
            folder.fold(assigner.profile(), e);
            assigner.recentEvents().add(EventIdHash.of(e.getEventId()), e.getEventTime().toEpochMilli());
            assignerStore.put(id, assignerCodec.encode(assigner));
            events++;
        }

        // then: as of a window end, with one fitted spec, the vectors are the same bits
        long asOf = population.end().toEpochMilli();
        List<FeatureSource> rows = new ArrayList<>();
        trainerStore.values().forEach(b -> rows.add(TrainerCustomerState.decode(b).profile.asOf(asOf)));
        FeatureSpec spec = FeatureSpecFitter.fit(settings.features(), rows, settings.halfLifeDays());
        FeatureVectorizer vectorizer = FeatureVectorizer.compile(spec);
        int compared = 0;
        for (String id : trainerStore.keySet()) {
            CustomerProfile fromTrainer = TrainerCustomerState.decode(trainerStore.get(id)).profile;
            CustomerProfile fromAssigner = assignerCodec.decode(assignerStore.get(id)).profile();
            double[] x = vectorizer.vectorize(fromTrainer.asOf(asOf));
            double[] y = vectorizer.vectorize(fromAssigner.asOf(asOf));
            assertThat(y).as(id).isEqualTo(x);
            for (int j = 0; j < x.length; j++) {
                assertThat(Double.doubleToRawLongBits(y[j])).as("%s column %d", id, j).isEqualTo(Double.doubleToRawLongBits(x[j]));
            }
            compared++;
        }
        System.out.printf("[parity] %d events, %d late; %d customers, %d-dimensional vectors bit-identical%n", events,
                stream.late(), compared, spec.getDimension());
        assertThat(compared).isEqualTo(assignerStore.size()).isGreaterThan(100);
        assertThat(stream.late()).isPositive();
    }
}
