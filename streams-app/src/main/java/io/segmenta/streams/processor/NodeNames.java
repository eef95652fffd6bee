package io.segmenta.streams.processor;

/**
 * Names of the assigner topology's stores, sources, processors and sinks. They live beside the processors, which
 * look their stores up and forward to their sinks by these names, so that the processors need not know the class
 * that wires the topology (and it alone imports them). The store names are also part of the changelog topic names
 * ({@code <application.id>-customers-changelog}): renaming one loses the state.
 */
public final class NodeNames {

    public static final String CUSTOMERS_STORE = "customers";
    public static final String MODELS_STORE = "models";
    public static final String MODEL_HISTORY_STORE = "model-history";
    public static final String TASK_CLOCK_STORE = "task-clock";
    public static final String HISTORY_STORE = "customer-history";

    public static final String EVENTS_SOURCE = "events";
    public static final String ASSIGN_PROCESSOR = "assign";
    public static final String MODELS_SOURCE = "models-source";
    public static final String MODELS_PROCESSOR = "models-loader";
    public static final String MODEL_HISTORY_SOURCE = "model-history-source";
    public static final String MODEL_HISTORY_PROCESSOR = "model-history-loader";
    public static final String CHANGES_SINK = "changes";
    public static final String ASSIGNMENTS_SINK = "assignments";
    public static final String DEAD_LETTER_SINK = "dead-letters";

    private NodeNames() {
    }
}
