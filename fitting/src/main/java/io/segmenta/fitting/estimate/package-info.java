/**
 * One fitting interface: a {@link io.segmenta.fitting.estimate.SegmentEstimator} per algorithm turns vectors into a
 * {@link io.segmenta.fitting.assembly.SegmentFit} (from scratch or warm-started from a parent), chooses k and
 * measures quality, in the spirit of flink-ml's {@code Estimator -> Model}; {@link
 * io.segmenta.fitting.estimate.Estimators} is the registry the refit policy and other callers ask instead of switching
 * on the algorithm. Uses the algorithm packages of this module and the Avro contracts only; no Flink.
 */
package io.segmenta.fitting.estimate;
