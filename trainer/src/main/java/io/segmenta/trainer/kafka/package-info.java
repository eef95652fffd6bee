/**
 * The trainer's Kafka wiring: the Flink Kafka source (events decoded and checked in the source, so watermarks are
 * made of accepted event times only), the exactly-once sinks, and the reader of the latest published model at start.
 */
package io.segmenta.trainer.kafka;
