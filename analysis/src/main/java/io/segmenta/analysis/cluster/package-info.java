/**
 * The algorithms the analysis compares (K-Means, hierarchical, GMM, DBSCAN, affinity propagation) as sweeps over
 * their parameters, and the rule that picks the best solution. Smile and fitting only.
 */
package io.segmenta.analysis.cluster;
