/**
 * The assigner's HTTP API: customer lookups (forwarded to the instance that holds the customer), models, drift,
 * health and metrics.
 */
package io.segmenta.streams.http;
