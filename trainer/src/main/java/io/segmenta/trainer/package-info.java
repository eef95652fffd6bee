/**
 * The trainer's entry points: {@code TrainerCommand} (the command line, also the job jar's main class) and
 * {@code TrainerRunner}, which wires the Kafka source and sinks of {@code kafka} into the job of {@code job} with
 * the settings of {@code config} and runs it on a MiniCluster or a Flink cluster.
 */
package io.segmenta.trainer;
