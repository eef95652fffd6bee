/**
 * Validation of incoming events: the limits and the verdict that names the failed check (dead-letter reason).
 */
package io.segmenta.assigner.events;
