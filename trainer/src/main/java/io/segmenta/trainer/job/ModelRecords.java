package io.segmenta.trainer.job;

import io.segmenta.assigner.IncompatibleModelException;
import io.segmenta.assigner.scoring.SegmentScorer;
import io.segmenta.avro.SegmentModel;
import io.segmenta.schemas.serde.AvroDeserializer;
import io.segmenta.schemas.serde.WireFormatException;
import io.segmenta.trainer.config.TrainerSettings;
import io.segmenta.trainer.events.RawRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads models from the {@code segment-models} topic for the job's operators (only this lineage's, only ones that
 * compile and share the configured half-life), and keeps them in operator state as plain Avro binary.
 */
public final class ModelRecords {

    private static final Logger LOG = LoggerFactory.getLogger(ModelRecords.class);

    private ModelRecords() {
    }

    /** The model in {@code record} if it belongs to {@code modelName} and can be served; empty otherwise (logged). */
    public static Optional<SegmentModel> accept(RawRecord record, AvroDeserializer<SegmentModel> deserializer,
                                         TrainerSettings settings) {
        String key = record.key == null ? null : new String(record.key, StandardCharsets.UTF_8);
        if (record.value == null || !settings.modelName().equals(key)) {
            return Optional.empty();
        }
        SegmentModel model;
        try {
            model = deserializer.deserialize(record.topic, record.value);
        } catch (WireFormatException e) {
            LOG.warn("Ignoring an unreadable record on {}: {}", record.topic, e.getMessage());
            return Optional.empty();
        }
        try {
            SegmentScorer.compile(model);
        } catch (IncompatibleModelException e) {
            LOG.warn("Ignoring model {} v{}: {}", model.getModelName(), model.getVersion(), e.getMessage());
            return Optional.empty();
        }
        if (model.getFeatureSpec().getHalfLifeDays() != settings.halfLifeDays()) {
            LOG.warn("Ignoring model {} v{}: its half-life {} days differs from the trainer's {}", model.getModelName(),
                    model.getVersion(), model.getFeatureSpec().getHalfLifeDays(), settings.halfLifeDays());
            return Optional.empty();
        }
        return Optional.of(model);
    }

    static byte[] toBytes(SegmentModel model) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            var encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            new SpecificDatumWriter<>(SegmentModel.class).write(model, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SegmentModel fromBytes(byte[] bytes) {
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
            return new SpecificDatumReader<>(SegmentModel.class).read(null, decoder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
