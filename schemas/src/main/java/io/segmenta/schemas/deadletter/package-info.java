/**
 * The dead-letter record format: the original bytes with the reason, error class and source position in headers.
 */
package io.segmenta.schemas.deadletter;
