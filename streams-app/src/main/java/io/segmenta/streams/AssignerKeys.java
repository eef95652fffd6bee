package io.segmenta.streams;

import io.segmenta.assigner.scoring.SwitchPersistence;
import io.segmenta.schemas.TopicNames;
import io.segmenta.schemas.config.Setting;
import io.segmenta.schemas.config.SettingsDefinition;
import io.segmenta.schemas.config.SharedSettings;

import java.time.Duration;

/**
 * The assigner's {@code segmenta.*} settings, each declared once: its own below, and those it shares with the
 * trainer ({@link SharedSettings}). The README's assigner settings table lists exactly these
 * ({@code AssignerSettingsReadmeTest} checks it).
 */
public final class AssignerKeys {

    /** Upper bound of {@link #HISTORY_SIZE}: a customer's history is one store value, read and written whole. */
    public static final int SEGMENT_HISTORY_MAX = 1024;

    public static final Setting<String> TOPIC_EVENTS = SharedSettings.TOPIC_EVENTS;
    public static final Setting<String> TOPIC_MODELS = SharedSettings.TOPIC_MODELS;
    public static final Setting<String> TOPIC_MODEL_HISTORY = SharedSettings.TOPIC_MODEL_HISTORY;
    public static final Setting<String> TOPIC_DEAD_LETTERS = SharedSettings.TOPIC_DEAD_LETTERS;
    public static final Setting<String> TOPIC_ASSIGNMENTS = Setting.topic("segmenta.topic.assignments",
            TopicNames.SEGMENT_ASSIGNMENTS, "output, compacted: the latest assignment per customer");
    public static final Setting<String> TOPIC_CHANGES = Setting.topic("segmenta.topic.changes",
            TopicNames.SEGMENT_CHANGES, "output: a record per change of a customer's segment");
    public static final Setting<String> MODEL_NAME = SharedSettings.MODEL_NAME;
    public static final Setting<Double> HALF_LIFE_DAYS = SharedSettings.HALF_LIFE_DAYS;
    public static final Setting<Integer> DEDUP_SIZE = SharedSettings.DEDUP_SIZE;
    public static final Setting<Duration> DEDUP_WINDOW = SharedSettings.DEDUP_WINDOW;

    public static final Setting<String> HTTP_HOST = Setting.text("segmenta.http.host", "127.0.0.1",
            "address the HTTP API binds (0.0.0.0 serves other hosts)");
    public static final Setting<Integer> HTTP_PORT = Setting.integer("segmenta.http.port", 7070, 0, 65535,
            "port of the HTTP API; 0 = any free port");
    public static final Setting<String> HTTP_ADVERTISED_HOST = Setting.text("segmenta.http.advertised-host", null,
            "how other instances reach this one (application.server); default: the bind host, or the machine's "
                    + "name when binding 0.0.0.0");
    public static final Setting<Integer> RESCORE_CHUNK = Setting.integer("segmenta.rescore.chunk", 2000, 1,
            Integer.MAX_VALUE, "customers re-scored per punctuation after a model update");
    public static final Setting<Duration> RESCORE_INTERVAL = Setting.duration("segmenta.rescore.interval", "100ms",
            Duration.ofMillis(1), "wall-clock period of the model check and re-score punctuator");
    /**
     * 0.1: a customer on a boundary moves once the other centre is a tenth nearer. In the scaled space of 10-20
     * features a boundary customer's distances are mostly her spread around the centres, so that is a band of a
     * tenth to a fifth of the gap between the centres on either side of the boundary (README "Segment switching").
     */
    public static final Setting<Double> DISTANCE_MARGIN = Setting.number("segmenta.assign.distance-margin", 0.1,
            v -> v >= 0 && v < 1, "in [0, 1)",
            "K-Means: a customer changes segment only when the best centre is this fraction nearer than its "
                    + "current one; 0 = always the nearest");
    /** 0.2: between two components a customer moves at 60:40, not at 50.1:49.9. */
    public static final Setting<Double> POSTERIOR_MARGIN = Setting.number("segmenta.assign.posterior-margin", 0.2,
            v -> v >= 0 && v < 1, "in [0, 1)",
            "Gaussian mixtures: a customer changes segment only when the best posterior exceeds its current "
                    + "segment's by this much; 0 = always the most probable");
    /**
     * 2: a purchase that tips a customer across a boundary and the next one that tips her back change nothing; a
     * customer whose behaviour changed moves one event later (README "Segment switching").
     */
    public static final Setting<Integer> CONSECUTIVE_WINS = Setting.integer("segmenta.assign.consecutive-wins", 2, 1,
            SwitchPersistence.MAX_EVENTS, "a customer's events move her to another segment only when it wins "
                    + "(past the margin) at this many of her events in a row; 1 = at the first win");
    /**
     * 4 within 60 days: a customer who moved from A to B goes back to A only when A wins at 4 of her events in a
     * row (README "Segment switching").
     */
    public static final Setting<Integer> REVERSAL_WINS = Setting.integer("segmenta.assign.reversal-wins", 4, 1,
            SwitchPersistence.MAX_EVENTS, "a move back to the segment the customer just left (within "
                    + "segmenta.assign.reversal-window of entering her current one) needs this many wins in a row; "
                    + "at least segmenta.assign.consecutive-wins");
    public static final Setting<Duration> REVERSAL_WINDOW = Setting.duration("segmenta.assign.reversal-window", "60d",
            Duration.ZERO, "how long, in the customer's own event time, a move back to the segment she left counts as "
                    + "a reversal; 0 = no reversal rule");
    /**
     * 0 (off): every customer is segmented from her first event. A profile of a few days says little about the
     * behaviour it will settle to, and half the segment changes of a stationary population are such profiles settling
     * (README "Segment switching"); with a minimum, a customer gets her first segment once her profile spans it.
     */
    public static final Setting<Duration> MIN_HISTORY = Setting.duration("segmenta.assign.min-history", "0s",
            Duration.ZERO, "a customer gets her first segment only once her profile spans this much of her own time "
                    + "(first to last event); 0 = from her first event");
    /**
     * 64: at the 0.3 changes per customer per 30 days measured on stationary data that is years of a customer's
     * transitions; a flapping one keeps her latest 64. Written once per change, not per event.
     */
    public static final Setting<Integer> HISTORY_SIZE = Setting.integer("segmenta.assign.history-size", 64, 0,
            SEGMENT_HISTORY_MAX, "segment transitions kept per customer for GET /customers/{id}/history and ?at= "
                    + "(the oldest dropped first); 0 = keep none");
    public static final Setting<Duration> DRIFT_WINDOW = Setting.duration("segmenta.drift.window", "1m",
            Duration.ofMillis(1), "wall-clock window of the live drift statistics");

    /** Everything the assigner reads; any other {@code segmenta.*} key is refused. */
    public static final SettingsDefinition DEFINITION = SettingsDefinition.builder("assigner")
            .add(TOPIC_EVENTS, TOPIC_MODELS, TOPIC_MODEL_HISTORY, TOPIC_ASSIGNMENTS, TOPIC_CHANGES, TOPIC_DEAD_LETTERS, MODEL_NAME,
                    HALF_LIFE_DAYS, HTTP_HOST, HTTP_PORT, HTTP_ADVERTISED_HOST, DEDUP_SIZE, DEDUP_WINDOW,
                    RESCORE_CHUNK, RESCORE_INTERVAL, DISTANCE_MARGIN, POSTERIOR_MARGIN, CONSECUTIVE_WINS, REVERSAL_WINS,
                    REVERSAL_WINDOW, MIN_HISTORY,
                    HISTORY_SIZE, DRIFT_WINDOW)
            .build();

    private AssignerKeys() {
    }
}
