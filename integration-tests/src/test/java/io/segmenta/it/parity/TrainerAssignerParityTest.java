package io.segmenta.it.parity;

import io.segmenta.app.demo.data.SyntheticOptions;
import io.segmenta.app.demo.data.SyntheticPopulation;
import io.segmenta.assigner.dedup.DedupPolicy;
import io.segmenta.assigner.events.EventRules;
import io.segmenta.assigner.features.FeatureSource;
import io.segmenta.assigner.features.FeatureVectorizer;
import io.segmenta.assigner.profile.CustomerProfile;
import io.segmenta.assigner.profile.ProfileFolder;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.FeatureSpec;
import io.segmenta.fitting.features.FeatureSpecFitter;
import io.segmenta.streams.AssignerSettings;
import io.segmenta.streams.state.CustomerState;
import io.segmenta.streams.state.CustomerStateCodec;
import io.segmenta.trainer.config.TrainerSettings;
import io.segmenta.trainer.job.TrainerCustomerState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same events through the trainer's path (its keyed state bytes, re-read for every event as Flink does) and
 * the assigner's path (its store's bytes, likewise) give bit-identical feature vectors: the two services segment
 * the same customer the same way. Out-of-order events included, and replayed events: both de-duplicate by event id
 * with the core's {@link DedupPolicy} and drop the same ones.
 */
class TrainerAssignerParityTest {

    @Test
    void trainerAndAssignerComputeBitIdenticalVectors() {
        // given: synthetic customers with a few percent of out-of-order events
        SyntheticPopulation population = SyntheticPopulation.generate(SyntheticOptions.defaults().withCustomers(150)
                .withDays(45).withSeed(5).withEnd(Instant.parse("2026-06-01T00:00:00Z"))
                .withOutOfOrder(0.05, Duration.ofMinutes(10)));
        TrainerSettings settings = TrainerSettings.defaults();
        AssignerSettings assignerSettings = AssignerSettings.fromMap(Map.of("bootstrap.servers", "localhost:9092"));
        assertThat(settings.dedup()).as("same de-duplication defaults").isEqualTo(assignerSettings.dedup());
        Paths paths = new Paths(settings, assignerSettings);

        // when: every event is folded by both paths, each reading and writing its own state bytes; 5 % of the events
        // are sent again 10 events later (a producer retry), and the first 300 again at the end (a replay from an
        // old offset, beyond the de-duplication window: both fold those again)
        var stream = population.events();
        Random random = new Random(3);
        Deque<long[]> due = new ArrayDeque<>();
        List<CustomerEvent> retries = new ArrayList<>();
        List<CustomerEvent> first = new ArrayList<>();
        long events = 0;
        while (stream.hasNext()) {
            CustomerEvent e = stream.next();
            paths.accept(e);
            events++;
            if (first.size() < 300) {
                first.add(e);
            }
            if (random.nextDouble() < 0.05) {
                due.add(new long[]{events + 10, retries.size()});
                retries.add(e);
            }
            while (!due.isEmpty() && due.peek()[0] <= events) {
                paths.accept(retries.get((int) due.poll()[1]));
            }
        }
        due.forEach(d -> paths.accept(retries.get((int) d[1])));
        long droppedRetries = paths.trainerDuplicates;
        first.forEach(paths::accept);
        long droppedReplays = paths.trainerDuplicates - droppedRetries;
        Map<String, byte[]> trainerStore = paths.trainerStore;
        Map<String, byte[]> assignerStore = paths.assignerStore;

        // then: as of a window end, with one fitted spec, the vectors are the same bits
        long asOf = population.end().toEpochMilli();
        List<FeatureSource> rows = new ArrayList<>();
        trainerStore.values().forEach(b -> rows.add(TrainerCustomerState.decodeProfile(b).asOf(asOf)));
        FeatureSpec spec = FeatureSpecFitter.fit(settings.features(), rows, settings.halfLifeDays());
        FeatureVectorizer vectorizer = FeatureVectorizer.compile(spec);
        int compared = 0;
        for (String id : trainerStore.keySet()) {
            CustomerProfile fromTrainer = TrainerCustomerState.decodeProfile(trainerStore.get(id));
            CustomerProfile fromAssigner = paths.assignerCodec.decode(assignerStore.get(id)).profile();
            double[] x = vectorizer.vectorize(fromTrainer.asOf(asOf));
            double[] y = vectorizer.vectorize(fromAssigner.asOf(asOf));
            assertThat(y).as(id).isEqualTo(x);
            for (int j = 0; j < x.length; j++) {
                assertThat(Double.doubleToRawLongBits(y[j])).as("%s column %d", id, j).isEqualTo(Double.doubleToRawLongBits(x[j]));
            }
            compared++;
        }
        System.out.printf("[parity] %d events, %d late, %d retries (%d dropped by both) and %d replayed beyond the "
                        + "window (%d dropped by both); %d customers, %d-dimensional vectors bit-identical%n", events,
                stream.late(), retries.size(), droppedRetries, first.size(), droppedReplays, compared, spec.getDimension());
        assertThat(compared).isEqualTo(assignerStore.size()).isGreaterThan(100);
        assertThat(stream.late()).isPositive();
        assertThat(paths.assignerDuplicates).as("both paths drop the same events").isEqualTo(paths.trainerDuplicates);
        assertThat(droppedRetries).as("retries within the window are dropped").isEqualTo(retries.size());
        assertThat(droppedReplays).as("an old replay is folded again").isLessThan(first.size());
    }

    /** The two state paths, each as its service runs it per event. */
    static final class Paths {
        final ProfileFolder folder;
        final DedupPolicy trainerDedup;
        final DedupPolicy assignerDedup;
        final CustomerStateCodec assignerCodec;
        final Map<String, byte[]> trainerStore = new HashMap<>();
        final Map<String, byte[]> assignerStore = new HashMap<>();
        long trainerDuplicates;
        long assignerDuplicates;

        Paths(TrainerSettings trainer, AssignerSettings assigner) {
            folder = new ProfileFolder(trainer.halfLifeDays(), EventRules.DEFAULTS);
            trainerDedup = trainer.dedup();
            assignerDedup = assigner.dedup();
            assignerCodec = new CustomerStateCodec(assigner.dedupSize());
        }

        void accept(CustomerEvent e) {
            String id = e.getCustomerId();
            // the trainer's worker (ProfileOperator): the same call on its keyed state bytes
            byte[] t = TrainerCustomerState.fold(trainerStore.get(id), e, folder, trainerDedup);
            if (t == null) {
                trainerDuplicates++;
            } else {
                trainerStore.put(id, t);
            }
            // the assigner (AssignProcessor): its store entry, de-duplicated before the fold
            byte[] a = assignerStore.get(id);
            CustomerState assigner = a == null ? CustomerState.empty(folder.newProfile(), assignerDedup.capacity())
                    : assignerCodec.decode(a);
            if (!assignerDedup.admit(assigner.recentEvents(), e.getEventId(), e.getEventTime().toEpochMilli(),
                    assigner.profile().lastEventMillis())) {
                assignerDuplicates++;
                return;
            }
            folder.fold(assigner.profile(), e);
            assignerStore.put(id, assignerCodec.encode(assigner));
        }
    }
}
