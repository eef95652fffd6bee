/**
 * Cleaning and scaling of a customer table before clustering: column decisions, imputation, feature selection.
 * Plain Java on the table types.
 */
package io.segmenta.analysis.prepare;
