/**
 * Benchmarks of the fitting code against Smile's implementations.
 */
package io.segmenta.benchmarks.trainer;
