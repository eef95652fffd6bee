/**
 * The transaction-file importer: mappings from a file's columns to {@code CustomerEvent}s (Online Retail, CDNOW,
 * your own) and a reader that counts every problem row. Used by produce, the demo, the analysis and tests without
 * Flink or Smile.
 */
package io.segmenta.transactions;
