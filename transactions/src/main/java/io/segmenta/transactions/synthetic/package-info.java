/**
 * A second synthetic data generator, written independently of the demo's generator ({@code io.segmenta.app.demo.data})
 * and of the model on purpose: its customers follow behaviours the model was not designed around (gamma and Weibull
 * gaps between purchases, basket values from price tiers, refund rates, country mixes, weekday habits, heavy-tailed
 * customers), so quality figures on it are an honest check. It writes transactions only, in the Online Retail layout
 * the importer reads, and the truth over time beside them ({@code truth.csv}, read back by {@link
 * io.segmenta.transactions.synthetic.TruthTimeline}). Plain Java plus commons-csv, like the rest of this module.
 */
package io.segmenta.transactions.synthetic;
