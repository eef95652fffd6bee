/**
 * The assigner's metrics (Micrometer, Prometheus format), live drift and re-score progress.
 */
package io.segmenta.streams.metrics;
