/**
 * Stable segment ids across refits: matching new segments to old ones by member overlap and distance, and the
 * lineage events (survived, born, died, split, merged).
 */
package io.segmenta.fitting.lineage;
