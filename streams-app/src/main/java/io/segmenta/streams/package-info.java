/**
 * The Kafka Streams assigner service: settings, topology (built apart from config), service lifecycle and
 * command. Uses the core and the schemas module; never Flink, the trainer, fitting or analysis.
 */
package io.segmenta.streams;
