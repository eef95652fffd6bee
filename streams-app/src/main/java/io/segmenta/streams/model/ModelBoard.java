package io.segmenta.streams.model;

import io.segmenta.avro.SegmentModel;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What this process knows about models, shared by the global store's processor, the stream tasks and the HTTP
 * API: every version seen with its verdict (for {@code GET /models}), the newest model a task has activated (for
 * {@code /segments} and explanations), and a generation number that tasks compare on each event to notice a
 * newly stored model without reading the store. In memory only: after a restart it is rebuilt as the global store
 * is restored and tasks refresh. Thread-safe.
 */
public final class ModelBoard {

    static final int MAX_SEEN = 100;

    /** Status of a seen version relative to the active one. */
    public enum Status { ACTIVE, PENDING, SUPERSEDED, REFUSED }

    /**
     * One version as reported by {@code /models}.
     *
     * @param validFrom when the version starts to score events (the end of its training window, or its later
     *                  {@code validFrom} when promoted); null if refused
     */
    public record Entry(String modelName, long version, Status status, String reason, Instant seenAt, Instant validFrom) {
    }

    private record Seen(String modelName, long version, String refusal, long seenAtMillis, Instant validFrom) {
    }

    private final Deque<Seen> seen = new ArrayDeque<>();
    private final AtomicLong generation = new AtomicLong();
    private volatile CompiledModel active;

    /** The global store accepted a model. */
    public void accepted(SegmentModel model, long nowMillis) {
        synchronized (seen) {
            for (Seen s : seen) {
                if (s.version == model.getVersion() && s.refusal == null) {
                    return; // re-read of a stored model (restore, replay)
                }
            }
            record(new Seen(model.getModelName(), model.getVersion(), null, nowMillis,
                    model.getTrainingWindow() == null ? null : validFrom(model)));
        }
        generation.incrementAndGet();
    }

    private static java.time.Instant validFrom(SegmentModel model) {
        java.time.Instant end = model.getTrainingWindow().getEnd();
        return model.getValidFrom() != null && model.getValidFrom().isAfter(end) ? model.getValidFrom() : end;
    }

    /** A model was refused, by the global store's processor or by a task at use time. */
    public void refused(String modelName, long version, String reason, long nowMillis) {
        synchronized (seen) {
            for (Seen s : seen) {
                if (s.version == version && reason.equals(s.refusal)) {
                    return; // several tasks refusing the same stored model report it once
                }
            }
        }
        record(new Seen(modelName, version, reason, nowMillis, null));
    }

    /** A task now scores with {@code model}; the board shows the newest model any task uses. */
    public synchronized void activated(CompiledModel model) {
        CompiledModel current = active;
        if (current == null || model.version() > current.version()) {
            active = model;
        }
    }

    public Optional<CompiledModel> active() {
        return Optional.ofNullable(active);
    }

    /** Changes whenever the global store accepts a model. */
    public long generation() {
        return generation.get();
    }

    /** Versions seen, newest first, with their status. */
    public List<Entry> entries() {
        CompiledModel current = active;
        long activeVersion = current == null ? Long.MIN_VALUE : current.version();
        List<Entry> out = new ArrayList<>();
        synchronized (seen) {
            for (var it = seen.descendingIterator(); it.hasNext(); ) {
                Seen s = it.next();
                Status status = s.refusal != null ? Status.REFUSED
                        : s.version == activeVersion ? Status.ACTIVE
                        : s.version > activeVersion ? Status.PENDING : Status.SUPERSEDED;
                out.add(new Entry(s.modelName, s.version, status, s.refusal, Instant.ofEpochMilli(s.seenAtMillis),
                        s.validFrom));
            }
        }
        return out;
    }

    private void record(Seen s) {
        synchronized (seen) {
            seen.addLast(s);
            if (seen.size() > MAX_SEEN) {
                seen.removeFirst();
            }
        }
    }
}
