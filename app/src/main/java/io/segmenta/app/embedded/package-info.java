/**
 * A real Kafka broker (KRaft) in-process for the demo and the tests, and topic creation with the settings our
 * topics need.
 */
package io.segmenta.app.embedded;
