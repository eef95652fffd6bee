/**
 * Gaussian mixtures: batch EM, stepwise (online) EM and mergeable sufficient statistics, diagonal or full
 * covariance.
 */
package io.segmenta.fitting.gmm;
