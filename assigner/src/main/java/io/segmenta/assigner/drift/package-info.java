/**
 * Drift statistics of a model against the assignments it makes: segment shares, PSI, distances, change rate.
 */
package io.segmenta.assigner.drift;
