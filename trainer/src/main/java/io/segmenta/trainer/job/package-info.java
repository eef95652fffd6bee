/**
 * The Flink trainer job: sources and sinks injected, decoding, keyed customer state, window refits through
 * fitting, model and drift outputs, configuration and command. The only main module that sees Flink; never Kafka
 * Streams, the assigner service or the analysis.
 */
package io.segmenta.trainer.job;
