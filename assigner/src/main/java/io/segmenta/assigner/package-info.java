/**
 * The pure core shared by the trainer and the assigner service: everything both must compute identically. May use
 * the schemas module's Avro classes only: no Kafka clients, Flink, Kafka Streams or Smile.
 */
package io.segmenta.assigner;
