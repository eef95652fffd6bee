/**
 * K-Means: k-means++ seeding, mini-batch and batch fits, and partial sums that workers compute against a parent
 * model and a reducer merges.
 */
package io.segmenta.fitting.kmeans;
