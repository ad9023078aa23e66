package io.affectstream.audio;

import io.affectstream.audio.dsp.Resampler;
import io.affectstream.wire.AnalysisStatus;
import io.affectstream.wire.AudioAnalysis;
import io.affectstream.wire.Source;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The done-when: calm speech, then excited speech, then silence, spoken by espeak-ng and fed through the
 * audio topology as 44.1 kHz chunks. Speech is detected in the speech and not in the silence, and the excited part
 * has clearly higher arousal than the calm part.
 */
class AudioSpeechArousalTest {
    private static final String TEXT = "I am sitting at home this evening, reading a book and drinking a cup of tea.";

    @TempDir
    static Path dir;
    static float[] calm;
    static float[] excited;
    static List<AudioAnalysis> spans;

    @BeforeAll
    static void speakAndAnalyse() throws Exception {
        // calm: low pitch, slow, soft; excited: high pitch, fast, loud (twice the text, to last about as long)
        calm = speak("calm.wav", "-p", "20", "-s", "110", "-a", "60", TEXT);
        excited = speak("excited.wav", "-p", "80", "-s", "220", "-a", "200", TEXT + " " + TEXT);
        float[] clip = Signals.concat(calm, excited, new float[2 * Signals.RATE]);
        try (AudioStageHarness stage = new AudioStageHarness(Map.of())) {
            stage.pipe(Signals.chunks("speech", clip, Signals.RATE, Signals.CHUNK, AudioStageHarness.T0));
            spans = stage.analyses();
            assertTrue(stage.registry.get("affect.audio.speech.seconds").counter().count() > 5);
        }
    }

    /** espeak-ng speaks at 22,050 Hz; the clip is brought to 44.1 kHz as ingest would do. */
    private static float[] speak(String file, String... args) throws IOException, InterruptedException {
        Path wav = dir.resolve(file);
        List<String> command = new ArrayList<>(List.of("espeak-ng", "-w", wav.toString()));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("espeak-ng is not installed; run scripts/install-test-tools.sh (" + e.getMessage() + ")");
            throw e;
        }
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            fail("espeak-ng failed: " + output);
        }
        Signals.Wav speech = Signals.readWav(wav);
        Resampler r = Resampler.of(speech.rateHz(), Signals.RATE);
        return r.process(r.newState(), speech.samples(), 0, speech.samples().length);
    }

    private static List<AudioAnalysis> between(double fromSeconds, double toSeconds) {
        return spans.stream().filter(s -> s.startMicros() >= fromSeconds * 1e6 && s.endMicros() <= toSeconds * 1e6)
                .toList();
    }

    private static double seconds(float[] x) {
        return x.length / (double) Signals.RATE;
    }

    private static double meanArousal(List<AudioAnalysis> part) {
        return part.stream().filter(s -> s.arousal() != null).mapToDouble(AudioAnalysis::arousal).average().orElseThrow();
    }

    private static double speechFraction(List<AudioAnalysis> part) {
        return part.stream().filter(s -> s.speechProbability() >= 0.5).count() / (double) part.size();
    }

    @Test
    void everyChunkIsAnalysedAndTheArousalIsMarkedDerived() {
        double total = seconds(calm) + seconds(excited) + 2;
        assertEquals(Math.ceil(total * 20), spans.size(), 1);
        for (AudioAnalysis span : spans) {
            assertEquals(AnalysisStatus.ANALYSED, span.analysis().status());
            assertNull(span.analysis().detail());
            assertNotNull(span.speechProbability());
            assertNull(span.valence(), "no model gives valence");
            if (span.arousal() != null) {
                assertEquals(Source.DERIVED, span.source());
                assertTrue(span.arousal() >= -1 && span.arousal() <= 1);
            } else {
                assertNull(span.source());
            }
        }
    }

    @Test
    void speechIsDetectedInTheSpeechAndNotInTheSilence() {
        double calmEnd = seconds(calm);
        double excitedEnd = calmEnd + seconds(excited);
        report();
        assertTrue(speechFraction(between(0, calmEnd)) > 0.6, "calm speech: " + speechFraction(between(0, calmEnd)));
        assertTrue(speechFraction(between(calmEnd, excitedEnd)) > 0.6,
                "excited speech: " + speechFraction(between(calmEnd, excitedEnd)));
        // the VAD's recurrent state lets go within a few frames; after 0.3 s nothing counts as speech
        List<AudioAnalysis> silence = between(excitedEnd + 0.3, excitedEnd + 2);
        assertTrue(silence.size() >= 30);
        for (AudioAnalysis span : silence) {
            assertTrue(span.speechProbability() < 0.1, "silence at " + span.startMicros() / 1e6 + " s: "
                    + span.speechProbability());
            assertNull(span.arousal(), "no arousal outside speech");
        }
    }

    @Test
    void excitedSpeechHasClearlyHigherArousalThanCalmSpeech() {
        double calmEnd = seconds(calm);
        double calmArousal = meanArousal(between(0, calmEnd));
        double excitedArousal = meanArousal(between(calmEnd, calmEnd + seconds(excited)));
        assertTrue(excitedArousal - calmArousal > 0.4, String.format(Locale.ROOT,
                "mean arousal calm %.2f, excited %.2f", calmArousal, excitedArousal));
        assertTrue(excitedArousal > 0.3, "excited is above the speaker's average: " + excitedArousal);
    }

    private static void report() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < spans.size(); i += 10) {
            AudioAnalysis s = spans.get(i);
            sb.append(String.format(Locale.ROOT, "%6.2f s  speech %.2f  arousal %s%n", s.startMicros() / 1e6,
                    s.speechProbability(), s.arousal() == null ? "-" : String.format(Locale.ROOT, "%.2f", s.arousal())));
        }
        System.out.println(sb);
    }
}
