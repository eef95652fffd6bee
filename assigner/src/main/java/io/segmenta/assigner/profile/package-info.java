/**
 * A customer's decayed profile (RFM, refunds, browsing, categories), how events fold into it, and its state
 * format.
 */
package io.segmenta.assigner.profile;
