/**
 * JMH benchmarks of the assigner core's hot paths (folding, scoring, state codecs).
 */
package io.segmenta.benchmarks.assigner;
