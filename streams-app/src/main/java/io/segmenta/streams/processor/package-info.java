/**
 * The hot path: the processor that decodes, validates, de-duplicates, folds, scores and emits changes and
 * assignments, and the re-score pass after a model update.
 */
package io.segmenta.streams.processor;
