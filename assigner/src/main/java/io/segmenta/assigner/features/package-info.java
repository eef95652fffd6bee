/**
 * The profile features, the feature spec a model carries and the vectorizer that turns a profile into the model's
 * input vector.
 */
package io.segmenta.assigner.features;
