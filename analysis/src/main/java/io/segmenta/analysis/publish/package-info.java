/**
 * {@code analyze --publish}: turns the chosen batch solution into a servable {@code SegmentModel} and publishes
 * it to the models topic. Uses fitting's model assembly and the schemas module's serdes.
 */
package io.segmenta.analysis.publish;
