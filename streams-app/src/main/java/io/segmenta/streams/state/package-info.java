/**
 * A customer's stored state (profile, recent event ids, current assignment) and its versioned binary format.
 */
package io.segmenta.streams.state;
