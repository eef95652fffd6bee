/**
 * Choosing the number of segments: silhouette for K-Means, BIC for mixtures, with a minimum segment share.
 */
package io.segmenta.fitting.select;
