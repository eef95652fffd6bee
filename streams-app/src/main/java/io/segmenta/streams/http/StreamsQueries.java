package io.segmenta.streams.http;

import io.segmenta.assigner.scoring.SwitchMargin;
import io.segmenta.streams.processor.NodeNames;
import io.segmenta.streams.AssignerRuntime;
import io.segmenta.streams.state.CustomerState;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.net.URI;
import java.util.Optional;

/**
 * Answers the HTTP API from a running {@link KafkaStreams}: customers through interactive queries on the
 * {@code customers} store of the instance that owns the key ({@code queryMetadataForKey}), the rest from the
 * process's {@link AssignerRuntime}.
 */
public final class StreamsQueries implements AssignerQueries {

    private final KafkaStreams streams;
    private final HostInfo self;
    private final AssignerRuntime runtime;
    private final String modelName;
    private final SwitchMargin margin;
    private final StringSerializer keySerializer = new StringSerializer();

    /**
     * @param self   this instance's {@code application.server}
     * @param margin the switch margin the tasks score with, to explain a customer's segment as they chose it
     */
    public StreamsQueries(KafkaStreams streams, HostInfo self, AssignerRuntime runtime, String modelName,
                          SwitchMargin margin) {
        this.streams = streams;
        this.self = self;
        this.runtime = runtime;
        this.modelName = modelName;
        this.margin = margin;
    }

    @Override
    public CustomerLookup customer(String customerId, boolean forwarded) {
        KeyQueryMetadata metadata;
        try {
            metadata = streams.queryMetadataForKey(NodeNames.CUSTOMERS_STORE, customerId, keySerializer);
        } catch (IllegalStateException e) {
            return new CustomerLookup.Unavailable("Kafka Streams is " + streams.state() + ": " + e.getMessage());
        }
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            return new CustomerLookup.Unavailable("the owner of customer '" + customerId
                    + "' is not known yet (Streams is " + streams.state() + ")");
        }
        HostInfo owner = metadata.activeHost();
        if (!owner.equals(self)) {
            return forwarded
                    ? new CustomerLookup.Unavailable("customer '" + customerId + "' moved to " + owner + " (rebalance)")
                    : new CustomerLookup.Elsewhere(URI.create("http://" + owner.host() + ":" + owner.port()));
        }
        CustomerState state;
        try {
            ReadOnlyKeyValueStore<String, CustomerState> store = streams.store(StoreQueryParameters.fromNameAndType(
                    NodeNames.CUSTOMERS_STORE, QueryableStoreTypes.<String, CustomerState>keyValueStore()));
            state = store.get(customerId);
        } catch (InvalidStateStoreException e) {
            return new CustomerLookup.Unavailable("the customers store is not queryable now: " + e.getMessage());
        }
        return state == null ? new CustomerLookup.NotFound()
                : new CustomerLookup.Found(AssignerViews.customer(customerId, state, runtime.models().active(),
                margin, System.currentTimeMillis()));
    }

    @Override
    public Optional<Views.SegmentsView> segments() {
        return AssignerViews.segments(runtime.models().active(), runtime.drift());
    }

    @Override
    public Views.ModelsView models() {
        return AssignerViews.models(modelName, runtime.models(), runtime.rescore());
    }

    @Override
    public String streamsState() {
        return streams.state().name();
    }

    @Override
    public boolean ready() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }
}
