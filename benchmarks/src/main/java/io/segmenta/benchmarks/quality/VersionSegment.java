package io.segmenta.benchmarks.quality;

/** A segment of one model version: segment ids are stable across versions, but what a segment holds is not. */
public record VersionSegment(long version, int segmentId) {
}
