/**
 * How both services declare their {@code segmenta.*} settings: each one once, as a {@link
 * io.segmenta.schemas.config.Setting} (key, type, default, validator, doc) defined into a Kafka
 * {@link org.apache.kafka.common.config.ConfigDef}; a {@link io.segmenta.schemas.config.SettingsDefinition} per service
 * reads a configuration against its declarations and rejects unknown {@code segmenta.*} keys.
 *
 * <p>The settings the trainer and the assigner share (topic names, model name, half-life, de-duplication) are declared
 * in {@link io.segmenta.schemas.config.SharedSettings}, so both accept the same names and defaults. This package lives in
 * {@code schemas} because it is the one module both services see that may use the Kafka clients ({@code ConfigDef});
 * the pure core ({@code assigner}) may not.
 */
package io.segmenta.schemas.config;
