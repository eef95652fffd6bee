/**
 * Quality metrics of a partition: inertia, silhouette, Davies-Bouldin, Calinski-Harabasz, BIC, adjusted Rand
 * index.
 */
package io.segmenta.fitting.quality;
