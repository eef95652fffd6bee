package io.segmenta.schemas.files;

import io.segmenta.avro.CustomerEvent;
import io.segmenta.avro.SegmentModel;
import io.segmenta.schemas.SampleRecords;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelFileTest {

    @TempDir
    Path dir;

    @Test
    void aModelReadsBackAsWritten() throws Exception {
        SegmentModel model = SampleRecords.model();
        Path file = dir.resolve("model.avro");

        ModelFile.write(model, file);

        assertThat(ModelFile.read(file)).isEqualTo(model);
    }

    @Test
    void aFileThatIsNotOneModelIsRefusedWithTheReason() throws Exception {
        Path text = Files.writeString(dir.resolve("text.avro"), "<html>not avro</html>");
        Path events = dir.resolve("events.avro");
        try (DataFileWriter<CustomerEvent> w = new DataFileWriter<>(new SpecificDatumWriter<>(CustomerEvent.class))) {
            w.create(CustomerEvent.getClassSchema(), events.toFile());
            w.append(SampleRecords.purchase("c1", 10));
        }
        Path two = dir.resolve("two.avro");
        try (DataFileWriter<SegmentModel> w = new DataFileWriter<>(new SpecificDatumWriter<>(SegmentModel.class))) {
            w.create(SegmentModel.getClassSchema(), two.toFile());
            w.append(SampleRecords.model());
            w.append(SampleRecords.model());
        }

        assertThatThrownBy(() -> ModelFile.read(dir.resolve("missing.avro"))).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> ModelFile.read(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a readable Avro data file");
        assertThatThrownBy(() -> ModelFile.read(events)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CustomerEvent");
        assertThatThrownBy(() -> ModelFile.read(two)).hasMessageContaining("more than one");
    }
}
