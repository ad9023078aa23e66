package io.affectstream.audio;

import io.affectstream.wire.AudioChunk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test signals of known content, WAV reading, and cutting signals into ingest-style chunks. */
public final class Signals {
    public static final int RATE = 44_100;
    public static final int CHUNK = 2205; // 50 ms, ingest's default

    private Signals() {
    }

    /** A sine of {@code hz} at amplitude {@code amplitude} (full scale = 1). */
    public static float[] tone(double hz, double amplitude, double seconds, int rate) {
        float[] x = new float[(int) Math.round(seconds * rate)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return x;
    }

    public static float[] add(float[] a, float[] b) {
        float[] x = new float[Math.max(a.length, b.length)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i < a.length ? a[i] : 0) + (i < b.length ? b[i] : 0);
        }
        return x;
    }

    public static float[] concat(float[]... parts) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] x = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, x, at, p.length);
            at += p.length;
        }
        return x;
    }

    /**
     * A crude voiced "vowel train": a harmonic series on a gliding pitch, switched on and off at syllable rate,
     * plus a little noise. Speech-like enough for energy and pitch features; not a test of any VAD.
     */
    public static float[] syllables(double seconds, double f0, double syllablesPerSecond, double amplitude, long seed) {
        Random random = new Random(seed);
        float[] x = new float[(int) Math.round(seconds * RATE)];
        double phase = 0;
        for (int i = 0; i < x.length; i++) {
            double t = (double) i / RATE;
            double f = f0 * (1 + 0.08 * Math.sin(2 * Math.PI * 0.7 * t));
            phase += 2 * Math.PI * f / RATE;
            double envelope = Math.max(0, Math.sin(Math.PI * syllablesPerSecond * t));
            double v = 0;
            for (int h = 1; h <= 12; h++) {
                v += Math.sin(h * phase) / h;
            }
            x[i] = (float) (amplitude * (envelope * v * 0.5 + 0.01 * random.nextGaussian()));
        }
        return x;
    }

    public static short[] pcm(float[] x) {
        short[] s = new short[x.length];
        for (int i = 0; i < x.length; i++) {
            s[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(x[i] * 32767.0)));
        }
        return s;
    }

    /** Cuts {@code x} into contiguous chunks of {@code chunk} samples (the last may be shorter), as ingest does. */
    public static List<AudioChunk> chunks(String streamId, float[] x, int rate, int chunk, long t0Ms) {
        short[] pcm = pcm(x);
        List<AudioChunk> out = new ArrayList<>();
        for (int start = 0, i = 0; start < pcm.length; start += chunk, i++) {
            int n = Math.min(chunk, pcm.length - start);
            short[] samples = new short[n];
            System.arraycopy(pcm, start, samples, 0, n);
            long captured = t0Ms + Math.round(start * 1000.0 / rate);
            out.add(new AudioChunk(streamId, i, start, rate, 1, captured, captured + 5, samples));
        }
        return out;
    }

    /** Reads a 16-bit PCM mono WAV (as espeak-ng writes it): the samples in [-1, 1], and the rate. */
    public static Wav readWav(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) { // "RIFF", "WAVE"
            throw new IOException(file + " is not a RIFF/WAVE file");
        }
        int pos = 12;
        int rate = 0;
        int channels = 0;
        int bits = 0;
        while (pos + 8 <= b.limit()) {
            int id = b.getInt(pos);
            int size = b.getInt(pos + 4);
            if (id == 0x20746d66) { // "fmt "
                channels = b.getShort(pos + 10);
                rate = b.getInt(pos + 12);
                bits = b.getShort(pos + 22);
            } else if (id == 0x61746164) { // "data"
                if (bits != 16 || channels != 1) {
                    throw new IOException(file + ": expected 16-bit mono, got " + bits + "-bit x" + channels);
                }
                // espeak-ng streams to a file and may leave the size field at its maximum
                int n = (int) Math.min(Integer.toUnsignedLong(size), b.limit() - pos - 8L) / 2;
                float[] x = new float[n];
                for (int i = 0; i < n; i++) {
                    x[i] = b.getShort(pos + 8 + 2 * i) / 32768f;
                }
                return new Wav(x, rate);
            }
            pos += 8 + size + (size & 1);
        }
        throw new IOException(file + " has no data chunk");
    }

    public record Wav(float[] samples, int rateHz) {
    }
}
