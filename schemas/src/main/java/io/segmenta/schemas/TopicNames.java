package io.segmenta.schemas;

/**
 * The default topic names of the contracts (the README's contracts table), in one place for every module. Each
 * service can rename them ({@code segmenta.topic.*} settings, declared in {@code io.segmenta.schemas.config}), e.g.
 * to run two lineages side by side; these are what a deployment gets without saying anything.
 */
public final class TopicNames {

    /** Input: customer events, keyed by customer id. */
    public static final String CUSTOMER_EVENTS = "customer-events";
    /** Compacted: the latest model per model name. */
    public static final String SEGMENT_MODELS = "segment-models";
    /** Every model version ever published, for audit and replay. */
    public static final String SEGMENT_MODEL_HISTORY = "segment-model-history";
    /** Compacted: the latest assignment per customer. */
    public static final String SEGMENT_ASSIGNMENTS = "segment-assignments";
    /** A record per change of a customer's segment. */
    public static final String SEGMENT_CHANGES = "segment-changes";
    /** A drift report per training window. */
    public static final String SEGMENT_DRIFT = "segment-drift";
    /** Records that could not be processed: original bytes plus {@code dlq.*} headers. */
    public static final String SEGMENT_DLQ = "segment-dlq";

    private TopicNames() {
    }
}
