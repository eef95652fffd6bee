/**
 * Fitting algorithms as plain functions, used by both the Flink trainer and the offline analysis. May use the
 * core and Smile; never Flink or Kafka Streams.
 */
package io.segmenta.fitting;
