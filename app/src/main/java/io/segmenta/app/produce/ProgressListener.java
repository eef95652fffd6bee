package io.segmenta.app.produce;

/** Told about a running send about once per {@link EventProducer#PROGRESS_INTERVAL}, from the sending thread. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = soFar -> {
    };

    void onProgress(SendSummary soFar);
}
