/**
 * Per-customer de-duplication of events by id within an event-time window, and its compact state format; the same
 * policy in both services.
 */
package io.segmenta.assigner.dedup;
