package io.segmenta.analysis.publish;

import io.segmenta.avro.Algorithm;
import io.segmenta.avro.SegmentModel;
import io.segmenta.schemas.registry.InMemorySchemaRegistry;
import io.segmenta.schemas.serde.AvroDeserializer;
import io.segmenta.schemas.serde.AvroSerializer;
import io.segmenta.analysis.Analysis;
import io.segmenta.analysis.AnalysisOptions;
import io.segmenta.analysis.Analyzer;
import io.segmenta.analysis.KRange;
import io.segmenta.analysis.Progress;
import io.segmenta.analysis.UserError;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelPublisherTest {

    private static final String TOPIC = "segment-models";
    private static final String HISTORY = "segment-model-history";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);
    private static Analysis transactions;

    static Path resource(String name) {
        try {
            return Path.of(ModelPublisherTest.class.getResource("/analysis/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void analyseTransactions() {
        transactions = new Analyzer(AnalysisOptions.defaults(resource("transactions.csv")).withKs(new KRange(2, 3))
                .withTsneRows(0)).run(Progress.silent());
    }

    private static MockConsumer<String, SegmentModel> consumerWith(SegmentModel... models) {
        MockConsumer<String, SegmentModel> consumer = new MockConsumer<>("earliest");
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, Node.noNode(), new Node[0],
                new Node[0])));
        consumer.updateBeginningOffsets(Map.of(TP, 0L));
        consumer.updateEndOffsets(Map.of(TP, (long) models.length));
        consumer.schedulePollTask(() -> {
            for (int i = 0; i < models.length; i++) {
                consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, i, models[i].getModelName(), models[i]));
            }
        });
        return consumer;
    }

    @Test
    void publishesVersionOneThenTheNextVersionOfTheLatestOnTheTopic() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        MockProducer<String, SegmentModel> producer = new MockProducer<>(true, null, new StringSerializer(),
                new AvroSerializer<>(registry, false));
        ServableModelBuilder builder = new ServableModelBuilder();

        ModelPublisher first = new ModelPublisher(producer, consumerWith(), TOPIC, HISTORY, Duration.ofSeconds(5));
        assertThat(first.latest("default")).isEmpty();
        SegmentModel v1 = builder.build(transactions, "default", null);
        first.send(v1);

        assertThat(producer.history()).extracting(ProducerRecord::topic).containsExactly(HISTORY, TOPIC);
        ProducerRecord<String, SegmentModel> sent = producer.history().get(1);
        assertThat(sent.key()).isEqualTo("default");
        assertThat(sent.topic()).isEqualTo(TOPIC);
        assertThat(producer.history().get(0).value()).isEqualTo(v1);
        assertThat(v1.getVersion()).isEqualTo(1);
        assertThat(v1.getTags()).containsEntry("producer", "analyze").containsEntry("source", "transactions.csv");
        assertThat(v1.getAlgorithm()).isIn(Algorithm.KMEANS, Algorithm.GMM_FULL, Algorithm.GMM_DIAGONAL);
        assertThat(v1.getSegments()).hasSize(transactions.best().k());
        assertThat(v1.getFeatureSpec().getFeatures()).extracting(f -> f.getName())
                .contains("recency_days", "monetary");
        assertThat(v1.getTrainingWindow().getEventCount()).isEqualTo(transactions.transactions().read().events());
        // the bytes on the wire decode to the same model
        byte[] bytes = new AvroSerializer<SegmentModel>(registry, false).serialize(TOPIC, v1);
        assertThat(new AvroDeserializer<>(registry, SegmentModel.class).deserialize(TOPIC, bytes)).isEqualTo(v1);

        ModelPublisher second = new ModelPublisher(producer, consumerWith(v1), TOPIC, HISTORY, Duration.ofSeconds(5));
        SegmentModel latest = second.latest("default").orElseThrow();
        assertThat(latest.getVersion()).isEqualTo(1);
        SegmentModel v2 = builder.build(transactions, "default", latest);
        assertThat(v2.getVersion()).isEqualTo(2);
        assertThat(v2.getParentVersion()).isEqualTo(1L);
        assertThat(new ModelPublisher(producer, consumerWith(v1), TOPIC, HISTORY, Duration.ofSeconds(5)).latest("other"))
                .isEmpty();
    }

    @Test
    void aModelOnNonProfileColumnsIsRefusedWithTheReason() {
        Analysis table = new Analyzer(AnalysisOptions.defaults(resource("blobs.csv")).withKs(new KRange(3, 3))
                .withTsneRows(0)).run(Progress.silent());
        assertThatThrownBy(() -> ServableModelBuilder.requireServable(table)).isInstanceOf(UserError.class)
                .hasMessageContaining("--publish refused").hasMessageContaining("income");
    }
}
