/**
 * The assigner end-to-end harness: throughput and latency against a pass-through and a state-floor baseline
 * measured in the same run.
 */
package io.segmenta.benchmarks.assigner.e2e;
