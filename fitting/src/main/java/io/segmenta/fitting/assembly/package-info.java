/**
 * Model assembly: a fitted partition plus profiles, quality and lineage into a versioned {@code SegmentModel}.
 */
package io.segmenta.fitting.assembly;
