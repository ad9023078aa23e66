package io.affectstream.audio;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Small helpers for the binary layout of the stage's state stores. */
final class StateCodec {
    private StateCodec() {
    }

    static void writeFloats(DataOutput out, float[] values, int length) throws IOException {
        out.writeInt(length);
        for (int i = 0; i < length; i++) {
            out.writeFloat(values[i]);
        }
    }

    static float[] readFloats(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1 << 24) {
            throw new IOException("bad array length " + n);
        }
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }
}
