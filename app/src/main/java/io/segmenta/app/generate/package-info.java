/**
 * {@code ./segment generate}: the command line of the independent synthetic data generator
 * ({@code io.segmenta.transactions.synthetic}); it only parses options and reports, the generating is there.
 */
package io.segmenta.app.generate;
