package io.affectstream.audio;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;

/** Binary serde of a state-store value, from its write and read functions. */
final class StateSerde<T> implements Serde<T> {
    interface Writer<T> {
        void write(T value, DataOutput out) throws IOException;
    }

    interface Reader<T> {
        T read(DataInput in) throws IOException;
    }

    static final StateSerde<StreamState> STREAM = new StateSerde<>("audio stream state",
            StreamState::write, StreamState::read);
    static final StateSerde<AudioAffectModel.State> MODEL = new StateSerde<>("audio model state",
            AudioAffectModel.State::write, AudioAffectModel.State::read);

    private final String what;
    private final Writer<T> writer;
    private final Reader<T> reader;

    private StateSerde(String what, Writer<T> writer, Reader<T> reader) {
        this.what = what;
        this.writer = writer;
        this.reader = reader;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                writer.write(value, out);
            } catch (IOException e) {
                throw new SerializationException("cannot write " + what + ": " + e.getMessage(), e);
            }
            return bytes.toByteArray();
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
                T value = reader.read(in);
                if (in.available() != 0) {
                    throw new IOException(in.available() + " trailing bytes");
                }
                return value;
            } catch (IOException e) {
                throw new SerializationException("cannot read " + what + " (" + data.length + " bytes): "
                        + e.getMessage(), e);
            }
        };
    }
}
