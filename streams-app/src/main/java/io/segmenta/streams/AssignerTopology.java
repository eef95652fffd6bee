package io.segmenta.streams;

import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.SegmentAssignment;
import io.segmenta.avro.SegmentChange;
import io.segmenta.avro.SegmentModel;
import io.segmenta.schemas.registry.SchemaRegistry;
import io.segmenta.schemas.serde.AvroDeserializer;
import io.segmenta.schemas.serde.AvroSerializer;
import io.segmenta.streams.model.ModelStoreProcessor;
import io.segmenta.streams.processor.AssignProcessor;
import io.segmenta.streams.processor.EventScope;
import io.segmenta.streams.processor.NodeNames;
import io.segmenta.streams.state.CustomerStateSerde;
import io.segmenta.streams.state.SegmentHistoryCodec;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The assigner's processing graph, apart from any configuration of how it runs:
 * <pre>
 *   customer-events (String, bytes) ──► assign ──► segment-changes      (SegmentChange)
 *                                         │   ├──► segment-assignments  (SegmentAssignment)
 *                                         │   └──► segment-dlq          (original bytes + headers)
 *                     store "customers" ──┘ (RocksDB, changelogged: profile + assignment + recent ids)
 *                     store "task-clock" ─┤ (changelogged: the version in force and the stream time it took over at)
 *               store "customer-history" ─┘ (changelogged: each customer's latest segment transitions)
 *   segment-models ────────► models-loader ────────► global store "models" (the latest accepted model, raw bytes)
 *   segment-model-history ─► model-history-loader ─► global store "model-history" (every accepted version)
 * </pre>
 * Events are read as bytes so that a record that cannot be decoded is dead-lettered exactly as it arrived.
 */
public final class AssignerTopology {

    private AssignerTopology() {
    }

    /**
     * @param settings topics, model name, half-life, dedup and re-score settings; registry settings
     *                 ({@code auto.register.schemas}) configure the output serializers
     * @param registry schema registry of every Avro serde (REST client, or an in-process one in tests and demos)
     * @param runtime  objects shared with the HTTP API and meters of this process
     */
    public static Topology build(AssignerSettings settings, SchemaRegistry registry, AssignerRuntime runtime) {
        return build(settings, registry, runtime, EventScope.ALL);
    }

    /** @param scope the records of the events topic to process: all (live), or a replay's range */
    public static Topology build(AssignerSettings settings, SchemaRegistry registry, AssignerRuntime runtime,
                                 EventScope scope) {
        AssignerTopics topics = settings.topics();
        AvroDeserializer<CustomerEvent> events = new AvroDeserializer<>(registry, CustomerEvent.class);
        AvroDeserializer<SegmentModel> models = new AvroDeserializer<>(registry, SegmentModel.class);
        AvroSerializer<SegmentChange> changes = new AvroSerializer<>(registry, false);
        AvroSerializer<SegmentAssignment> assignments = new AvroSerializer<>(registry, false);
        changes.configure(settings.serdeConfig(), false);
        assignments.configure(settings.serdeConfig(), false);

        Topology topology = new Topology();
        topology.addSource(NodeNames.EVENTS_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), topics.events());
        topology.addProcessor(NodeNames.ASSIGN_PROCESSOR, () -> new AssignProcessor(settings, runtime, events, models, scope),
                NodeNames.EVENTS_SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(NodeNames.CUSTOMERS_STORE), Serdes.String(),
                new CustomerStateSerde(settings.dedupSize())), NodeNames.ASSIGN_PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(NodeNames.TASK_CLOCK_STORE), Serdes.String(), Serdes.ByteArray()),
                NodeNames.ASSIGN_PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(NodeNames.HISTORY_STORE), Serdes.String(), SegmentHistoryCodec.serde()),
                NodeNames.ASSIGN_PROCESSOR);
        topology.addSink(NodeNames.CHANGES_SINK, topics.changes(), new StringSerializer(), changes, NodeNames.ASSIGN_PROCESSOR);
        topology.addSink(NodeNames.ASSIGNMENTS_SINK, topics.assignments(), new StringSerializer(), assignments, NodeNames.ASSIGN_PROCESSOR);
        topology.addSink(NodeNames.DEAD_LETTER_SINK, topics.deadLetters(), new StringSerializer(), new ByteArraySerializer(),
                NodeNames.ASSIGN_PROCESSOR);

        // Global: every task needs the active model, whatever partitions it owns. Global stores have no changelog.
        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NodeNames.MODELS_STORE), Serdes.String(),
                        Serdes.ByteArray()).withLoggingDisabled(),
                NodeNames.MODELS_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), topics.models(),
                NodeNames.MODELS_PROCESSOR,
                () -> new ModelStoreProcessor(ModelStoreProcessor.Layout.LATEST, NodeNames.MODELS_STORE, topics.models(),
                        models, runtime.scorers(), runtime.models()));
        // Every version, so that an event is scored with the model of its time (a replay finds the models of then)
        topology.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NodeNames.MODEL_HISTORY_STORE),
                        Serdes.String(), Serdes.ByteArray()).withLoggingDisabled(),
                NodeNames.MODEL_HISTORY_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(),
                topics.modelHistory(), NodeNames.MODEL_HISTORY_PROCESSOR,
                () -> new ModelStoreProcessor(ModelStoreProcessor.Layout.HISTORY, NodeNames.MODEL_HISTORY_STORE,
                        topics.modelHistory(), models, runtime.scorers(), runtime.models()));
        return topology;
    }
}
