/**
 * The segment-quality benchmark (issue 14 item 7): runs the real one-process pipeline ({@code DemoRuntime}) on a
 * data set, reads back every model, change and assignment it published, and measures per model and per run how
 * well and how stably it segments: agreement with the truth and with a batch K-Means on the same window, customers
 * moved by refits, lineage (births, deaths, splits, merges), label changes, change rates and drift lag.
 *
 * <p>Run with {@code benchmarks/bench quality [options]}; {@link io.segmenta.benchmarks.quality.SegmentQualityBenchmark}
 * is the entry point. The metric computations are pure functions ({@link io.segmenta.benchmarks.quality.QualityMath})
 * tested without a pipeline.
 */
package io.segmenta.benchmarks.quality;
