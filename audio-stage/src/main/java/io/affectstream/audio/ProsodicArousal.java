package io.affectstream.audio;

import io.affectstream.audio.dsp.PitchTracker;
import io.affectstream.audio.dsp.Spectrogram;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * The default audio arousal: a per-stream relative activation estimate from prosody, computed during speech only.
 * It is {@code derived}: a published relation (vocal activation raises loudness, pitch, spectral change and
 * speaking rate; Juslin &amp; Laukka 2003, the eGeMAPS parameter set of Eyben et al. 2016) with hand-set weights,
 * not a trained model.
 *
 * <p>Per spectrogram frame of a speech chunk: loudness (RMS level, dBFS), pitch (YIN, semitones re 100 Hz, voiced
 * frames only), spectral flux (mean rise of the normalised log spectrum since the previous frame) and voicing
 * onsets. Over the last second of speech (at most {@value #WINDOW_FRAMES} frames, none older than 2 s) these give
 * four values: mean loudness, median pitch, mean flux and onsets per second (a syllable-rate proxy). Each is
 * turned into a z-score against the stream's own running mean and standard deviation (speech only, starting from
 * a population prior worth {@value #PRIOR_WEIGHT} chunks, with a memory of about a minute of speech), and
 * {@code arousal = tanh(0.75 · Σ w·z / Σ w)} with weights loudness 0.35, pitch 0.25, flux 0.15, rate 0.25 (over the
 * values available). 0 is the speaker's own average so far; +1 / -1 are far more / far less activated.
 */
final class ProsodicArousal {
    static final int WINDOW_FRAMES = 46; // 46 hops of 22 ms: 1.01 s
    static final int MAX_AGE_FRAMES = 91; // 2 s
    static final int PRIOR_WEIGHT = 20;
    static final int MEMORY = 1200; // speech chunks (50 ms): one minute
    static final double GAIN = 0.75;

    /** The four prosodic values, their weights, population priors (mean, standard deviation) and sd floors. */
    enum Feature {
        LOUDNESS(0.35, -26, 6, 1.5),
        PITCH(0.25, 7, 4, 1),
        FLUX(0.15, 0.05, 0.02, 0.005),
        RATE(0.25, 5.5, 1.5, 0.5);

        final double weight;
        final double priorMean;
        final double priorSd;
        final double minSd;

        Feature(double weight, double priorMean, double priorSd, double minSd) {
            this.weight = weight;
            this.priorMean = priorMean;
            this.priorSd = priorSd;
            this.minSd = minSd;
        }
    }

    private final PitchTracker pitch = new PitchTracker();

    /** Updates the flux reference with a frame of any chunk; for speech chunks also records the frame's prosody. */
    void frame(Stream s, long index, float[] samples, int offset, float[] spectrum, boolean speech) {
        double flux = 0;
        if (s.previousSpectrum != null) {
            for (int k = 0; k < spectrum.length; k++) {
                flux += Math.max(0, spectrum[k] - s.previousSpectrum[k]);
            }
            flux /= spectrum.length;
        }
        s.previousSpectrum = spectrum;
        if (!speech) {
            s.lastVoiced = false;
            return;
        }
        double energy = 0;
        for (int i = 0; i < Spectrogram.WINDOW_SAMPLES; i++) {
            double x = samples[offset + i];
            energy += x * x;
        }
        double loudness = 10 * Math.log10(energy / Spectrogram.WINDOW_SAMPLES + 1e-12);
        double hz = pitch.pitchHz(samples, offset);
        boolean voiced = !Double.isNaN(hz);
        double semitones = voiced ? 12 * Math.log(hz / 100) / Math.log(2) : Double.NaN;
        s.window.addLast(new Entry(index, (float) loudness, (float) semitones, (float) flux, voiced && !s.lastVoiced));
        s.lastVoiced = voiced;
        while (s.window.size() > WINDOW_FRAMES) {
            s.window.removeFirst();
        }
    }

    /** Marks a chunk without speech: the next voiced frame is an onset. */
    void silence(Stream s) {
        s.lastVoiced = false;
    }

    /**
     * The arousal of the last second of speech up to frame {@code latestIndex}, and the stream's norms updated
     * with it; null when no speech frame is recent enough.
     */
    Double arousal(Stream s, long latestIndex) {
        while (!s.window.isEmpty() && s.window.peekFirst().index < latestIndex - MAX_AGE_FRAMES) {
            s.window.removeFirst();
        }
        if (s.window.isEmpty()) {
            return null;
        }
        double[] values = functionals(s.window);
        double sum = 0;
        double weights = 0;
        for (Feature f : Feature.values()) {
            double v = values[f.ordinal()];
            if (Double.isNaN(v)) {
                continue;
            }
            sum += f.weight * s.norms[f.ordinal()].zAndUpdate(v, f);
            weights += f.weight;
        }
        return weights == 0 ? null : Math.tanh(GAIN * sum / weights);
    }

    /** Mean loudness, median pitch (NaN with fewer than 3 voiced frames), mean flux, onsets per second (NaN under 10 frames). */
    static double[] functionals(Deque<Entry> window) {
        double loudness = 0;
        double flux = 0;
        int onsets = 0;
        float[] pitches = new float[window.size()];
        int voiced = 0;
        for (Entry e : window) {
            loudness += e.loudnessDb;
            flux += e.flux;
            onsets += e.onset ? 1 : 0;
            if (!Float.isNaN(e.semitones)) {
                pitches[voiced++] = e.semitones;
            }
        }
        int n = window.size();
        double pitch = Double.NaN;
        if (voiced >= 3) {
            Arrays.sort(pitches, 0, voiced);
            pitch = voiced % 2 == 1 ? pitches[voiced / 2] : (pitches[voiced / 2 - 1] + pitches[voiced / 2]) / 2.0;
        }
        double seconds = n * (double) Spectrogram.HOP_SAMPLES / Spectrogram.SAMPLE_RATE_HZ;
        double rate = n >= 10 ? onsets / seconds : Double.NaN;
        return new double[]{loudness / n, pitch, flux / n, rate};
    }

    /** One prosody frame of the window. */
    record Entry(long index, float loudnessDb, float semitones, float flux, boolean onset) {
    }

    /** Exponentially forgetting mean and variance, starting from a prior. */
    static final class Norm {
        double mean;
        double variance;
        double weight;

        Norm(double mean, double variance, double weight) {
            this.mean = mean;
            this.variance = variance;
            this.weight = weight;
        }

        static Norm prior(Feature f) {
            return new Norm(f.priorMean, f.priorSd * f.priorSd, PRIOR_WEIGHT);
        }

        /** The z-score of {@code x} against the norms so far, then {@code x} joins them. */
        double zAndUpdate(double x, Feature f) {
            double z = (x - mean) / Math.max(Math.sqrt(variance), f.minSd);
            weight = Math.min(weight + 1, MEMORY);
            double alpha = 1 / weight;
            double delta = x - mean;
            mean += alpha * delta;
            variance = (1 - alpha) * (variance + alpha * delta * delta);
            return z;
        }
    }

    /** One stream's prosody: the last spectrum (for flux), the recent speech frames, the running norms. */
    static final class Stream {
        private float[] previousSpectrum;
        private final Deque<Entry> window;
        private final Norm[] norms;
        private boolean lastVoiced;

        Stream() {
            this(null, new ArrayDeque<>(), priors(), false);
        }

        private Stream(float[] previousSpectrum, Deque<Entry> window, Norm[] norms, boolean lastVoiced) {
            this.previousSpectrum = previousSpectrum;
            this.window = window;
            this.norms = norms;
            this.lastVoiced = lastVoiced;
        }

        private static Norm[] priors() {
            Norm[] norms = new Norm[Feature.values().length];
            for (Feature f : Feature.values()) {
                norms[f.ordinal()] = Norm.prior(f);
            }
            return norms;
        }

        /** Forgets the signal (after a gap) but keeps what was learnt about the speaker. */
        void restart() {
            previousSpectrum = null;
            window.clear();
            lastVoiced = false;
        }

        void write(DataOutput out) throws IOException {
            out.writeBoolean(previousSpectrum != null);
            if (previousSpectrum != null) {
                StateCodec.writeFloats(out, previousSpectrum, previousSpectrum.length);
            }
            out.writeInt(window.size());
            for (Entry e : window) {
                out.writeLong(e.index);
                out.writeFloat(e.loudnessDb);
                out.writeFloat(e.semitones);
                out.writeFloat(e.flux);
                out.writeBoolean(e.onset);
            }
            out.writeInt(norms.length);
            for (Norm n : norms) {
                out.writeDouble(n.mean);
                out.writeDouble(n.variance);
                out.writeDouble(n.weight);
            }
            out.writeBoolean(lastVoiced);
        }

        static Stream read(DataInput in) throws IOException {
            float[] previous = in.readBoolean() ? StateCodec.readFloats(in) : null;
            int n = in.readInt();
            Deque<Entry> window = new ArrayDeque<>();
            for (int i = 0; i < n; i++) {
                window.addLast(new Entry(in.readLong(), in.readFloat(), in.readFloat(), in.readFloat(), in.readBoolean()));
            }
            int count = in.readInt();
            if (count != Feature.values().length) {
                throw new IOException("bad prosody state: " + count + " norms");
            }
            Norm[] norms = new Norm[count];
            for (int i = 0; i < count; i++) {
                norms[i] = new Norm(in.readDouble(), in.readDouble(), in.readDouble());
            }
            return new Stream(previous, window, norms, in.readBoolean());
        }
    }
}
