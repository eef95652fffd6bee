/**
 * The trainer's settings, each declared once ({@code TrainerKeys}, on the shared {@code Setting} declarations of
 * {@code io.segmenta.schemas.config}), read from a properties file into validated records ({@code TrainerSettings},
 * {@code TrainerKafkaSettings}, {@code CheckpointSettings}). Plain Java: no Flink operator and no Kafka client here.
 */
package io.segmenta.trainer.config;
