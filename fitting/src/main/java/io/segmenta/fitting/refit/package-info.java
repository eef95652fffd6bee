/**
 * The refit policy as a plain function: when a training window closes, {@link io.segmenta.fitting.refit.RefitPolicy}
 * turns a {@link io.segmenta.fitting.refit.RefitInput} (the merged sample, the workers' K-Means partial sums, the
 * window's counts, the parent model) into a {@link io.segmenta.fitting.refit.RefitOutcome}: a first fit, a refit from
 * merged partial sums or from the sample, a change of k, or a refusal by the quality gate, with stable ids and
 * lineage. Uses the rest of this module and the assigner's feature code; no Flink, so the streaming trainer is a
 * thin adapter and every path is tested directly.
 */
package io.segmenta.fitting.refit;
