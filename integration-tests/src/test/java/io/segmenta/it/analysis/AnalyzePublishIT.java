package io.segmenta.it.analysis;

import io.segmenta.app.embedded.KafkaTopics;
import io.segmenta.assigner.scoring.SegmentScorer;
import io.segmenta.avro.SegmentModel;
import io.segmenta.it.support.KafkaFixture;
import io.segmenta.it.support.SchemaRegistryFixture;
import io.segmenta.schemas.registry.RestSchemaRegistryClient;
import io.segmenta.schemas.registry.SchemaRegistryConfig;
import io.segmenta.schemas.serde.AvroDeserializer;
import io.segmenta.analysis.AnalyzeCommand;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** An analyst's model, published by {@code ./segment analyze --publish}, is one the streaming assigner serves. */
class AnalyzePublishIT {

    @Test
    void theAnalysisOfTransactionsPublishesAServableModel(@TempDir Path out) throws Exception {
        Path retail = datasets().resolve("online-retail-by-day");
        assumeTrue(Files.isDirectory(retail), "skipped: dataset online-retail-by-day not found at " + retail);
        String prefix = "analyze-" + System.currentTimeMillis();
        String topic = prefix + ".segment-models";
        String history = prefix + ".segment-model-history";
        String bootstrap = KafkaFixture.bootstrapServers();
        String registry = SchemaRegistryFixture.url().toString();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            KafkaTopics.createAndAwait(admin, List.of(KafkaTopics.compacted(topic, 1), KafkaTopics.plain(history, 1)),
                    Duration.ofSeconds(30));
        }

        int exit = AnalyzeCommand.commandLine().execute(retail.toString(), "--out", out.toString(), "--k", "4",
                "--tsne-rows", "0", "--quiet", "--publish", "--bootstrap-servers", bootstrap, "--schema-registry", registry,
                "--topic", topic, "--history-topic", history);

        List<SegmentModel> models = read(bootstrap, registry, topic);
        List<SegmentModel> kept = read(bootstrap, registry, history);
        System.out.printf("[analyze publish] exit %d, %d model(s) on %s: %s%n", exit, models.size(), topic,
                models.isEmpty() ? "-" : "v" + models.get(0).getVersion() + " k=" + models.get(0).getSegments().size()
                        + " tags " + models.get(0).getTags());
        assertThat(exit).isZero();
        assertThat(models).hasSize(1);
        assertThat(kept).as("the version is in the history too, for event-time scoring and replays").isEqualTo(models);
        SegmentModel model = models.get(0);
        assertThat(model.getTags()).containsEntry("producer", "analyze");
        assertThat(model.getSegments()).hasSize(4);
        assertThat(SegmentScorer.compile(model).segmentCount()).isEqualTo(4);
        assertThat(Files.exists(out.resolve("report.html"))).isTrue();
    }

    private static List<SegmentModel> read(String bootstrap, String registry, String topic) {
        List<SegmentModel> models = new ArrayList<>();
        var reader = new AvroDeserializer<>(new RestSchemaRegistryClient(SchemaRegistryConfig.of(registry)), SegmentModel.class);
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "analyze-it-" + System.nanoTime(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (models.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> models.add(reader.deserialize(r.topic(), r.value())));
            }
        }
        return models;
    }

    private static Path datasets() {
        String configured = System.getProperty("segmenta.datasets");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("shared/datasets"))) {
                return dir.resolve("shared/datasets");
            }
        }
        return Path.of("../../shared/datasets");
    }
}
