/** Contracts as files: a {@link io.segmenta.avro.SegmentModel} in an Avro data file, for review and replays. */
package io.segmenta.schemas.files;
