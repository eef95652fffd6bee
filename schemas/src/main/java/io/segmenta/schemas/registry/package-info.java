/**
 * Our Confluent-API schema registry client (REST), an in-memory registry served over HTTP for local runs, and
 * compatibility checks. Written here because Confluent's jars are not on Maven Central.
 */
package io.segmenta.schemas.registry;
