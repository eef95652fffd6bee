/**
 * The refit latency harness: time from a window's close to the published model at a given number of customers.
 */
package io.segmenta.benchmarks.trainer.refit;
