package io.segmenta.schemas.files;

import io.segmenta.avro.SegmentModel;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * One {@link SegmentModel} in an Avro object container file ({@code model.avro}): the schema travels with the data,
 * so any Avro tool reads it ({@code avro-tools tojson model.avro}) and a later build reads an older file by schema
 * resolution. {@code segment analyze} writes one; {@code segment replay --model-file} reads it.
 */
public final class ModelFile {

    private ModelFile() {
    }

    public static void write(SegmentModel model, Path file) throws IOException {
        try (DataFileWriter<SegmentModel> writer = new DataFileWriter<>(new SpecificDatumWriter<>(SegmentModel.class))) {
            writer.create(SegmentModel.getClassSchema(), file.toFile());
            writer.append(model);
        }
    }

    /**
     * @throws IllegalArgumentException when the file is missing, not an Avro data file, not of models, or holds
     *                                  other than exactly one model
     */
    public static SegmentModel read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("model file " + file + " does not exist");
        }
        try (DataFileReader<SegmentModel> reader = new DataFileReader<>(file.toFile(),
                new SpecificDatumReader<>(SegmentModel.class))) {
            String writerName = reader.getSchema().getFullName();
            if (!writerName.equals(SegmentModel.getClassSchema().getFullName())) {
                throw new IllegalArgumentException("model file " + file + " holds " + writerName + " records, not "
                        + SegmentModel.getClassSchema().getFullName());
            }
            if (!reader.hasNext()) {
                throw new IllegalArgumentException("model file " + file + " holds no model");
            }
            SegmentModel model = reader.next();
            if (reader.hasNext()) {
                throw new IllegalArgumentException("model file " + file + " holds more than one model");
            }
            return model;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("model file " + file + " does not exist", e);
        } catch (IOException | AvroRuntimeException e) {
            throw new IllegalArgumentException("model file " + file + " is not a readable Avro data file of a "
                    + "SegmentModel: " + e.getMessage(), e);
        }
    }
}
