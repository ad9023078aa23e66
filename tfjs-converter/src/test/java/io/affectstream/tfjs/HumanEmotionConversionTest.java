package io.affectstream.tfjs;

import io.affectstream.inference.ElementType;
import io.affectstream.inference.FloatTensorInput;
import io.affectstream.inference.ModelContract;
import io.affectstream.inference.TensorOutput;
import io.affectstream.tfjs.TfjsReferenceInterpreter.T;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped {@code models/mini-xception/emotion.onnx} is exactly what this converter makes of the committed
 * TF.js files (human 3.3.6, {@code src/test/resources/human-3.3.6/}), and computes what the TF.js graph computes.
 */
class HumanEmotionConversionTest extends ShippedConversionCheck {
    static final Path COMMITTED = Path.of("..", "models", "mini-xception", "emotion.onnx");
    static final ModelContract CONTRACT = ModelContract.builder()
            .input("input", ElementType.FLOAT, -1, 64, 64, 1)
            .output("probabilities", ElementType.FLOAT, -1, 7)
            .build();

    HumanEmotionConversionTest() {
        super("/human-3.3.6/emotion.json", COMMITTED, CONTRACT, TfjsToOnnx.HUMAN_EMOTION);
    }

    @Test
    void cliPresetGivesTheSameOptionsAsTheConstant() {
        TfjsToOnnxConverter.Options parsed = TfjsToOnnx.parse(List.of("--preset", "human-emotion"));
        assertEquals(TfjsToOnnx.HUMAN_EMOTION, parsed);
    }

    @Test
    void metadataRecordsLabelsSourceAndConverter() {
        Map<String, String> meta = model.customMetadata();
        assertEquals("angry,disgust,fear,happy,sad,surprise,neutral", meta.get("affect.labels"));
        assertEquals("npm @vladmandic/human@3.3.6 models/emotion.json + models/emotion.bin", meta.get("source"));
        assertTrue(meta.get("converter").startsWith("affect-tfjs-converter"), meta.toString());
        assertEquals(TfjsToOnnxConverter.PRODUCER, model.producerName());
    }

    @Test
    void onnxMatchesTheReferenceExecutionOfTheTfjsGraph() {
        int batch = 3;
        float[] x = new float[batch * 64 * 64];
        Random random = new Random(42);
        for (int i = 0; i < 64 * 64; i++) {
            x[i] = random.nextFloat() * 2 - 1;          // seeded noise in the model's [-1, 1] range
            x[64 * 64 + i] = 0.2f;                       // a constant grey
            int row = i / 64, col = i % 64;               // a smooth gradient with a dark blob
            double blob = Math.exp(-((row - 40) * (row - 40) + (col - 32) * (col - 32)) / 60.0);
            x[2 * 64 * 64 + i] = (float) ((col / 63.0) - blob) ;
        }
        T ref = new TfjsReferenceInterpreter(graph).run(Map.of("input_1", new T(new int[]{batch, 64, 64, 1}, x)),
                "Identity");
        TensorOutput out = model.run(Map.of("input", FloatTensorInput.of(x, batch, 64, 64, 1))).get("probabilities");
        assertArrayEquals(new long[]{batch, 7}, out.shape());
        double diff = TinyGraphConversionTest.maxAbsDiff(ref.data(), out.data());
        System.out.printf("mini-Xception ONNX vs reference: max |diff| %.3g%n  ref  %s%n  onnx %s%n", diff,
                Arrays.toString(ref.data()), Arrays.toString(out.data()));
        assertTrue(diff < 1e-4, "max abs difference " + diff);
        for (int b = 0; b < batch; b++) {
            double sum = 0;
            for (int j = 0; j < 7; j++) {
                sum += out.get(b, j);
            }
            assertEquals(1.0, sum, 1e-5);
        }
    }
}
