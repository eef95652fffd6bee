/**
 * Scoring a feature vector against a published model (nearest centroid or Gaussian posterior), explanations, and
 * the model validation done before a model is served.
 */
package io.segmenta.assigner.scoring;
