package io.segmenta.trainer.events;

import io.segmenta.avro.CustomerEvent;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Plain Avro binary (no registry framing) of {@link CustomerEvent}s inside the job. Not thread-safe: one per operator. */
public final class EventPayloads {

    private final SpecificDatumWriter<CustomerEvent> writer = new SpecificDatumWriter<>(CustomerEvent.class);
    private final SpecificDatumReader<CustomerEvent> reader = new SpecificDatumReader<>(CustomerEvent.class);
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    private BinaryEncoder encoder;
    private BinaryDecoder decoder;

    public byte[] encode(CustomerEvent event) {
        try {
            buffer.reset();
            encoder = EncoderFactory.get().directBinaryEncoder(buffer, encoder);
            writer.write(event, encoder);
            encoder.flush();
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public CustomerEvent decode(byte[] payload) {
        try {
            decoder = DecoderFactory.get().binaryDecoder(payload, decoder);
            return reader.read(null, decoder);
        } catch (IOException e) {
            throw new UncheckedIOException("payload written inside the job does not decode", e);
        }
    }
}
