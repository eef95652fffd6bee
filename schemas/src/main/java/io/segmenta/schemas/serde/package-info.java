/**
 * Avro serializers and deserializers in the Confluent wire format (magic byte, schema id, payload), with errors
 * that say what was wrong with the bytes.
 */
package io.segmenta.schemas.serde;
