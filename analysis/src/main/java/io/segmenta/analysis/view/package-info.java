/**
 * Two-dimensional views of the prepared data (PCA, t-SNE) for the report. Smile only.
 */
package io.segmenta.analysis.view;
