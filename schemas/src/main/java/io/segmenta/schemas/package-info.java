/**
 * The wire contracts: Avro classes generated from {@code src/main/avro}, topic names, and what every service
 * needs to read and write them. May use Avro, Jackson and Kafka clients; never Flink, Kafka Streams or Smile.
 */
package io.segmenta.schemas;
