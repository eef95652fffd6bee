/**
 * {@code ./segment replay}: re-segments a range of the events topic as an assigner application of its own, into
 * topics of its own, with the model history as it was, and compares the result with the live assignments.
 */
package io.segmenta.app.replay;
