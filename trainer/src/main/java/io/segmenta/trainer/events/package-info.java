/**
 * The records that flow through the trainer: raw Kafka records, events decoded and validated by the rules the
 * assigner also applies ({@code EventChecker}), and outbound records (models, drift, dead letters). Uses the
 * contracts of {@code schemas} and the validation of the assigner core; no Flink operator here.
 */
package io.segmenta.trainer.events;
