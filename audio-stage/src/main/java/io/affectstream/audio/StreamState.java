package io.affectstream.audio;

import io.affectstream.audio.dsp.Resampler;
import io.affectstream.audio.dsp.Spectrogram;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Everything the stage carries from one chunk of a stream to the next (store {@value AudioTopology#STREAM_STORE}):
 * where the stream stands, the carry-over buffers of the analysis windows that straddle chunk borders (sample-rate
 * conversion, spectrogram framing, the VAD's 32 ms frames and its recurrent state), and the prosody norms.
 *
 * <p>A <em>run</em> is a stretch of contiguous input; analysis sample 0 of the run is input sample
 * {@link #originOffset}. A gap or a format change starts a new run, which keeps only what was learnt about the
 * speaker (the prosody norms).
 */
final class StreamState {
    static final int VERSION = 1;

    int sampleRateHz;
    int channels;
    /** The offset the next chunk should start at, at the input's rate. */
    long nextOffset;
    /** Input offset of the run's first analysis sample. */
    long originOffset;
    /** Conversion of the input to 44.1 kHz; null when the input already is at 44.1 kHz. */
    Resampler.State toAnalysisRate;
    SpectrogramFramer.Stream framer;
    SileroVad.Stream vad;
    ProsodicArousal.Stream prosody;
    /** Speech probability of the latest VAD frame; NaN before the first. */
    float lastSpeech = Float.NaN;

    /** A new stream, or a new run of a known one ({@code previous} may be null), starting at {@code chunkOffset}. */
    static StreamState startRun(StreamState previous, int sampleRateHz, int channels, long chunkOffset) {
        StreamState s = new StreamState();
        s.sampleRateHz = sampleRateHz;
        s.channels = channels;
        s.nextOffset = chunkOffset;
        s.originOffset = chunkOffset;
        s.toAnalysisRate = sampleRateHz == Spectrogram.SAMPLE_RATE_HZ ? null
                : Resampler.of(sampleRateHz, Spectrogram.SAMPLE_RATE_HZ).newState();
        s.framer = new SpectrogramFramer.Stream();
        s.vad = new SileroVad.Stream();
        if (previous != null) {
            s.prosody = previous.prosody;
            s.prosody.restart();
            s.lastSpeech = previous.lastSpeech;
        } else {
            s.prosody = new ProsodicArousal.Stream();
        }
        return s;
    }

    /** Input offset of analysis sample {@code a} of this run (exact at 44.1 kHz, else the nearest sample). */
    long inputOffset(long analysisSample) {
        return sampleRateHz == Spectrogram.SAMPLE_RATE_HZ ? originOffset + analysisSample
                : originOffset + Math.round(analysisSample * (double) sampleRateHz / Spectrogram.SAMPLE_RATE_HZ);
    }

    void write(DataOutput out) throws IOException {
        out.writeByte(VERSION);
        out.writeInt(sampleRateHz);
        out.writeInt(channels);
        out.writeLong(nextOffset);
        out.writeLong(originOffset);
        out.writeBoolean(toAnalysisRate != null);
        if (toAnalysisRate != null) {
            toAnalysisRate.write(out);
        }
        framer.write(out);
        vad.write(out);
        prosody.write(out);
        out.writeFloat(lastSpeech);
    }

    static StreamState read(DataInput in) throws IOException {
        int version = in.readByte();
        if (version != VERSION) {
            throw new IOException("audio stream state version " + version + ", this stage reads " + VERSION);
        }
        StreamState s = new StreamState();
        s.sampleRateHz = in.readInt();
        s.channels = in.readInt();
        s.nextOffset = in.readLong();
        s.originOffset = in.readLong();
        s.toAnalysisRate = in.readBoolean() ? Resampler.State.read(in) : null;
        s.framer = SpectrogramFramer.Stream.read(in);
        s.vad = SileroVad.Stream.read(in);
        s.prosody = ProsodicArousal.Stream.read(in);
        s.lastSpeech = in.readFloat();
        return s;
    }
}
