package io.affectstream.audio;

import io.affectstream.audio.dsp.Spectrogram;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Cuts a stream's 44.1 kHz analysis signal into overlapping spectrogram windows across chunk borders: window k
 * starts at analysis sample {@code k * HOP}. Samples of a window that is not complete yet wait in the stream's
 * carry-over buffer. One instance per processor; the stream position is a {@link Stream}.
 */
final class SpectrogramFramer {
    /** Receives each completed frame: its index, the raw window ({@code samples[offset..+WINDOW)}) and its spectrum. */
    interface Sink {
        void frame(long index, float[] samples, int offset, float[] spectrum);
    }

    private final Spectrogram spectrogram = new Spectrogram();

    /** Appends {@code length} samples and emits every window they complete, in order. */
    void push(Stream s, float[] samples, int length, Sink sink) {
        s.append(samples, length);
        while (s.nextFrame * Spectrogram.HOP_SAMPLES + Spectrogram.WINDOW_SAMPLES <= s.carryStart + s.carryLength) {
            int offset = (int) (s.nextFrame * Spectrogram.HOP_SAMPLES - s.carryStart);
            float[] spectrum = spectrogram.compute(s.carry, offset, new float[Spectrogram.BINS]);
            sink.frame(s.nextFrame, s.carry, offset, spectrum);
            s.nextFrame++;
        }
        s.discardBefore(s.nextFrame * Spectrogram.HOP_SAMPLES);
    }

    /** One stream's framing position: the samples from the next window's start on, and that window's index. */
    static final class Stream {
        private float[] carry;
        private int carryLength;
        private long carryStart;
        private long nextFrame;

        Stream() {
            this(new float[Spectrogram.WINDOW_SAMPLES * 3], 0, 0, 0);
        }

        private Stream(float[] carry, int carryLength, long carryStart, long nextFrame) {
            this.carry = carry;
            this.carryLength = carryLength;
            this.carryStart = carryStart;
            this.nextFrame = nextFrame;
        }

        long nextFrame() {
            return nextFrame;
        }

        /** Samples waiting for a window to complete. */
        int carried() {
            return carryLength;
        }

        private void append(float[] samples, int length) {
            if (carryLength + length > carry.length) {
                carry = Arrays.copyOf(carry, Math.max(carryLength + length, carry.length * 2));
            }
            System.arraycopy(samples, 0, carry, carryLength, length);
            carryLength += length;
        }

        private void discardBefore(long sample) {
            int drop = (int) Math.min(carryLength, Math.max(0, sample - carryStart));
            System.arraycopy(carry, drop, carry, 0, carryLength - drop);
            carryLength -= drop;
            carryStart += drop;
        }

        void write(DataOutput out) throws IOException {
            out.writeLong(carryStart);
            out.writeLong(nextFrame);
            StateCodec.writeFloats(out, carry, carryLength);
        }

        static Stream read(DataInput in) throws IOException {
            long start = in.readLong();
            long next = in.readLong();
            float[] carry = StateCodec.readFloats(in);
            int length = carry.length;
            return new Stream(Arrays.copyOf(carry, Math.max(length, Spectrogram.WINDOW_SAMPLES * 3)), length, start, next);
        }
    }
}
