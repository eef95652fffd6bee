/**
 * Fitting the feature spec (centre, scale, imputation) on a sample, and aligning a parent's spec with a refitted
 * one.
 */
package io.segmenta.fitting.features;
