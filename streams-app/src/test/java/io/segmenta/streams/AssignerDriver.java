package io.segmenta.streams;

import io.segmenta.streams.processor.NodeNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.SegmentAssignment;
import io.segmenta.avro.SegmentChange;
import io.segmenta.avro.SegmentModel;
import io.segmenta.schemas.registry.SchemaRegistry;
import io.segmenta.schemas.serde.AvroDeserializer;
import io.segmenta.schemas.serde.AvroSerializer;
import io.segmenta.streams.state.CustomerState;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The assigner topology in a {@link TopologyTestDriver}, with typed topics; one per test. */
final class AssignerDriver implements AutoCloseable {

    /** Wall clock of the driver at start: an hour after the test events. */
    static final Instant WALL_CLOCK = TestModels.T0.plus(Duration.ofHours(1));

    final AssignerSettings settings;
    final AssignerRuntime runtime;
    final TopologyTestDriver driver;
    final TestInputTopic<String, CustomerEvent> events;
    final TestInputTopic<String, byte[]> rawEvents;
    final TestInputTopic<String, SegmentModel> models;
    final TestInputTopic<String, SegmentModel> history;
    final TestOutputTopic<String, SegmentChange> changes;
    final TestOutputTopic<String, SegmentAssignment> assignments;
    final TestOutputTopic<String, byte[]> deadLetters;
    final AvroSerializer<CustomerEvent> eventSerializer;

    AssignerDriver(Path stateDir, SchemaRegistry registry, Map<String, String> extraSettings) {
        this(stateDir, registry, extraSettings, io.segmenta.streams.processor.EventScope.ALL);
    }

    AssignerDriver(Path stateDir, SchemaRegistry registry, Map<String, String> extraSettings,
                   io.segmenta.streams.processor.EventScope scope) {
        Map<String, String> props = new HashMap<>(Map.of(
                "bootstrap.servers", "unused:9092",
                "state.dir", stateDir.toString()));
        props.putAll(extraSettings);
        settings = AssignerSettings.fromMap(props);
        runtime = AssignerRuntime.create(settings, new SimpleMeterRegistry());
        driver = new TopologyTestDriver(AssignerTopology.build(settings, registry, runtime, scope),
                settings.streamsProperties(settings.httpPort()), WALL_CLOCK);
        eventSerializer = new AvroSerializer<>(registry, false);
        AssignerTopics topics = settings.topics();
        events = driver.createInputTopic(topics.events(), new StringSerializer(), eventSerializer);
        rawEvents = driver.createInputTopic(topics.events(), new StringSerializer(), new ByteArraySerializer());
        models = driver.createInputTopic(topics.models(), new StringSerializer(), new AvroSerializer<>(registry, false));
        history = driver.createInputTopic(topics.modelHistory(), new StringSerializer(), new AvroSerializer<>(registry, false));
        changes = driver.createOutputTopic(topics.changes(), new StringDeserializer(),
                new AvroDeserializer<>(registry, SegmentChange.class));
        assignments = driver.createOutputTopic(topics.assignments(), new StringDeserializer(),
                new AvroDeserializer<>(registry, SegmentAssignment.class));
        deadLetters = driver.createOutputTopic(topics.deadLetters(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    void send(CustomerEvent event) {
        events.pipeInput(event.getCustomerId(), event);
    }

    void publish(SegmentModel model) {
        models.pipeInput(model.getModelName(), model);
    }

    /** As the trainer publishes: to the history topic and to the compacted models topic. */
    void publishVersion(SegmentModel model) {
        history.pipeInput(model.getModelName(), model);
        models.pipeInput(model.getModelName(), model);
    }

    /** Advances the wall clock by one re-score interval: one punctuation. */
    void punctuate() {
        driver.advanceWallClockTime(settings.rescoreInterval());
    }

    KeyValueStore<String, CustomerState> customers() {
        return driver.getKeyValueStore(NodeNames.CUSTOMERS_STORE);
    }

    Map<String, SegmentChange> changesByCustomer() {
        return changes.readKeyValuesToMap();
    }

    List<SegmentChange> changeValues() {
        return changes.readValuesToList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
