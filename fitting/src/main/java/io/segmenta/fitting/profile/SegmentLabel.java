package io.segmenta.fitting.profile;

/** A segment's human label and what marketing might do with it. */
public record SegmentLabel(String label, String suggestedAction) {
}
