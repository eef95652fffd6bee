/**
 * Byte-level helpers for the compact state formats: a growable writer, a cursor reader, varints and cached UTF-8
 * of repeated strings.
 */
package io.segmenta.assigner.codec;
