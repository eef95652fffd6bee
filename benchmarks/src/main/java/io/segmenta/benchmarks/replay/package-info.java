/**
 * The replay throughput benchmark (issue 15 item 7): {@code segment replay} and {@code trainer --backfill} over the
 * same pre-loaded events as their pass-through and state-floor baselines, in one run on one embedded broker.
 */
package io.segmenta.benchmarks.replay;
