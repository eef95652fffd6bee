/**
 * Segment profiles (what the members look like) and the human-readable labels derived from them.
 */
package io.segmenta.fitting.profile;
