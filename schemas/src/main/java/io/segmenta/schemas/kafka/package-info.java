/**
 * Small Kafka-client helpers shared by tools and tests, such as reading a topic to the end offsets seen at start.
 */
package io.segmenta.schemas.kafka;
