/**
 * The offline analysis behind {@code segment analyze}: options, the run that reads a table, prepares it, compares
 * algorithms and writes the report. Uses fitting, transactions and Smile; never Flink or Kafka Streams.
 */
package io.segmenta.analysis;
