package io.segmenta.streams.http;

import io.segmenta.assigner.scoring.SwitchMargin;
import io.segmenta.streams.processor.NodeNames;
import io.segmenta.streams.AssignerRuntime;
import io.segmenta.streams.state.CustomerState;
import io.segmenta.streams.state.SegmentHistory;
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
 * {@code customers} and {@code customer-history} stores of the instance that owns the key (both in the task of
 * the key's partition) ({@code queryMetadataForKey}), the rest from the
 * process's {@link AssignerRuntime}.
 */
public final class StreamsQueries implements AssignerQueries {

    private final KafkaStreams streams;
    private final HostInfo self;
    private final AssignerRuntime runtime;
    private final String modelName;
    private final SwitchMargin margin;
    private final int historySize;
    private static final CustomerLookup HISTORY_OFF = new CustomerLookup.NoAnswer("history_off",
            "no segment history is kept (segmenta.assign.history-size is 0)");

    private final StringSerializer keySerializer = new StringSerializer();

    /**
     * @param self   this instance's {@code application.server}
     * @param margin      the switch margin the tasks score with, to explain a customer's segment as they chose it
     * @param historySize transitions kept per customer (0: none, the history routes say so)
     */
    public StreamsQueries(KafkaStreams streams, HostInfo self, AssignerRuntime runtime, String modelName,
                          SwitchMargin margin, int historySize) {
        this.streams = streams;
        this.self = self;
        this.runtime = runtime;
        this.modelName = modelName;
        this.margin = margin;
        this.historySize = historySize;
    }

    @Override
    public CustomerLookup customer(String customerId, CustomerQuery query, boolean forwarded) {
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
        try {
            CustomerState state = this.<CustomerState>store(NodeNames.CUSTOMERS_STORE).get(customerId);
            if (state == null) {
                return new CustomerLookup.NotFound();
            }
            return switch (query) {
                case CustomerQuery.Current ignored -> new CustomerLookup.Found(AssignerViews.customer(customerId,
                        state, runtime.models().active(), margin, System.currentTimeMillis()));
                case CustomerQuery.At at -> historyKept()
                        ? AssignerViews.heldAt(customerId, history(customerId), at.at()) : HISTORY_OFF;
                case CustomerQuery.History ignored -> historyKept()
                        ? new CustomerLookup.Found(AssignerViews.history(customerId, history(customerId), historySize))
                        : HISTORY_OFF;
            };
        } catch (InvalidStateStoreException e) {
            return new CustomerLookup.Unavailable("the customer stores are not queryable now: " + e.getMessage());
        }
    }

    private boolean historyKept() {
        return historySize > 0;
    }

    private SegmentHistory history(String customerId) {
        SegmentHistory kept = this.<SegmentHistory>store(NodeNames.HISTORY_STORE).get(customerId);
        return kept == null ? SegmentHistory.EMPTY : kept;
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
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
