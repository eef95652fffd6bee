/**
 * The Flink job's topology and operators: sources and sinks are injected ({@code TrainerJob.build}), customers'
 * profiles are keyed state, each window pass emits partial statistics, and the reducer refits through
 * {@code io.segmenta.fitting} and emits models. Uses the records of {@code events} and the settings of
 * {@code config}; never Kafka clients directly (that is {@code kafka}), never Kafka Streams or the analysis.
 * {@code WindowStats}, {@code SampleRow} and the deferred {@code DecodedEvent}s are checkpointed state: moving or
 * renaming them makes older checkpoints unreadable.
 */
package io.segmenta.trainer.job;
