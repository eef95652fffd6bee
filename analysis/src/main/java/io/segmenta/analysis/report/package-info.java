/**
 * The HTML report, its SVG charts, the assignments CSV and the summary JSON. Everything taken from data is
 * escaped here; no browser library, no network.
 */
package io.segmenta.analysis.report;
