/**
 * Reading a customer table (CSV/TSV, or transactions rolled up per customer) and profiling its columns. Plain
 * Java, commons-csv and the transactions importer.
 */
package io.segmenta.analysis.table;
