package io.affectstream.vision.sequence;

import io.affectstream.inference.ExecutionDevice;
import io.affectstream.inference.FloatTensorInput;
import io.affectstream.inference.ModelLoadException;
import io.affectstream.inference.OnnxModel;
import io.affectstream.inference.SequenceModelContract;
import io.affectstream.inference.TensorOutput;
import io.affectstream.inference.onnx.OnnxGraphWriter;
import io.affectstream.vision.align.FaceAligner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VisionSequenceModelTest {
    @TempDir
    static Path dir;
    static Path file;
    static VisionSequenceModel model;

    @BeforeAll
    static void load() throws Exception {
        file = TinyVisionGru.write(dir.resolve("tiny-vision-gru.onnx"), 42);
        model = VisionSequenceModel.load(file, ExecutionDevice.CPU);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static float[] crop(long seed) {
        Random random = new Random(seed);
        float[] c = new float[FaceAligner.FLOATS_PER_FACE];
        float offset = (float) random.nextGaussian() * 0.3f;
        for (int i = 0; i < c.length; i++) {
            c[i] = Math.max(-1, Math.min(1, offset + (float) random.nextGaussian() * 0.4f));
        }
        return c;
    }

    private static List<VisionSequenceModel.Output> run(List<float[]> crops, List<float[]> states) {
        VisionSequenceModel.Batch batch = model.batch(crops.size());
        FloatBuffer buffer = batch.crops();
        for (int i = 0; i < crops.size(); i++) {
            buffer.put(i * FaceAligner.FLOATS_PER_FACE, crops.get(i));
            batch.state(i, states.get(i));
        }
        return batch.run();
    }

    private static VisionSequenceModel.Output step(float[] crop, float[] state) {
        return run(List.of(crop), List.of(state)).get(0);
    }

    @Test
    void readsTheStateSizeAndLabelSetsFromTheModel() {
        SequenceModelContract c = model.contract();
        assertEquals(TinyVisionGru.LAYERS, c.layers());
        assertEquals(TinyVisionGru.HIDDEN, c.hiddenSize());
        assertEquals(List.of(1, 12, 25), c.actionUnits());
        assertEquals(List.of(TinyVisionGru.LABELS.split(",")), c.expressions());
        assertEquals("cnn-gru:tiny_vision_gru", model.modelId());
    }

    @Test
    void carriesTheStateFromFrameToFrame() {
        float[] a = crop(1);
        VisionSequenceModel.Output first = step(a, model.initialState());
        VisionSequenceModel.Output again = step(a, first.state());
        VisionSequenceModel.Output fresh = step(a, model.initialState());
        // The same crop from a fresh state gives the first output again; from the carried state, something else.
        assertArrayEquals(first.state(), fresh.state(), 0f);
        assertFalse(java.util.Arrays.equals(first.state(), again.state()), "the state moved on");
        assertTrue(Math.abs(first.valence() - again.valence()) + Math.abs(first.arousal() - again.arousal()) > 1e-4);
    }

    @Test
    void aBatchOfTracksGivesWhatEachTrackGivesAlone() {
        float[] s1 = step(crop(3), model.initialState()).state();
        float[] s2 = step(crop(4), step(crop(5), model.initialState()).state()).state();
        List<float[]> crops = List.of(crop(6), crop(7), crop(8));
        List<float[]> states = List.of(model.initialState(), s1, s2);
        List<VisionSequenceModel.Output> batched = run(crops, states);
        for (int i = 0; i < crops.size(); i++) {
            VisionSequenceModel.Output alone = step(crops.get(i), states.get(i));
            assertArrayEquals(alone.state(), batched.get(i).state(), 1e-6f, "state of face " + i);
            assertEquals(alone.valence(), batched.get(i).valence(), 1e-6);
            assertArrayEquals(alone.expressions(), batched.get(i).expressions(), 1e-6);
            assertArrayEquals(alone.auProbabilities(), batched.get(i).auProbabilities(), 1e-6);
        }
        // Tracks are kept apart: the same crop from two different states differs.
        List<VisionSequenceModel.Output> sameCrop = run(List.of(crops.get(0), crops.get(0)), List.of(s1, s2));
        assertFalse(java.util.Arrays.equals(sameCrop.get(0).state(), sameCrop.get(1).state()));
    }

    @Test
    void mapsTheModelsLabelOrderToTheCanonicalOneAndSquashesAuLogits() throws Exception {
        float[] c = crop(9);
        VisionSequenceModel.Output out = step(c, model.initialState());
        try (OnnxModel raw = OnnxModel.load(file, VisionSequenceModel.CONTRACT, ExecutionDevice.CPU)) {
            Map<String, TensorOutput> r = raw.run(Map.of("crops", FloatTensorInput.of(c, 1, 3, 96, 96),
                    "h0", FloatTensorInput.allocate(2, 1, 4)));
            float[] logits = r.get("expression_logits").data();
            double sum = 0;
            for (float l : logits) {
                sum += Math.exp(l);
            }
            // Model column 0 is happiness (canonical index 4), column 1 neutral (canonical 0).
            assertEquals(Math.exp(logits[0]) / sum, out.expressions()[4], 1e-6);
            assertEquals(Math.exp(logits[1]) / sum, out.expressions()[0], 1e-6);
            assertEquals(1 / (1 + Math.exp(-r.get("au_logits").data()[1])), out.auProbabilities()[1], 1e-6);
            assertEquals(r.get("valence_arousal").data()[0], out.valence(), 1e-6);
        }
        assertEquals(1.0, java.util.Arrays.stream(out.expressions()).sum(), 1e-9);
    }

    @Test
    void refusesAModelWithoutItsLabelSetNamingTheFile() throws Exception {
        Path bad = TinyVisionGru.builder(1).metadata(SequenceModelContract.EXPRESSIONS_KEY, "happy,sad")
                .writeTo(dir.resolve("bad-labels.onnx"));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> VisionSequenceModel.load(bad, ExecutionDevice.CPU));
        assertTrue(e.getMessage().contains("bad-labels.onnx"), e.getMessage());
        assertTrue(e.getMessage().contains("permutation"), e.getMessage());
    }

    @Test
    void refusesAModelWhoseInputIsNotAFaceCropNamingWhatItExpected() throws Exception {
        Path audio = OnnxGraphWriter.model().input("crops", io.affectstream.inference.ElementType.FLOAT, "N", 1, 64, 64)
                .node("Identity", List.of("crops"), List.of("y")).output("y", io.affectstream.inference.ElementType.FLOAT, "N", 1, 64, 64)
                .writeTo(dir.resolve("not-a-gru.onnx"));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> VisionSequenceModel.load(audio, ExecutionDevice.CPU));
        assertTrue(e.getMessage().contains("not-a-gru.onnx"), e.getMessage());
        assertTrue(e.getMessage().contains("h0") || e.getMessage().contains("96"), e.getMessage());
    }
}
