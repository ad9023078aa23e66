package io.affectstream.tfjs;

import io.affectstream.inference.ElementType;
import io.affectstream.inference.FloatTensorInput;
import io.affectstream.inference.ModelContract;
import io.affectstream.inference.TensorOutput;
import io.affectstream.tfjs.TfjsReferenceInterpreter.T;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped {@code models/facemesh/facemesh.onnx} is exactly what this converter makes of the committed TF.js
 * files (human 3.3.6, float16-quantized weights, Prelu and channel Pad ops), and computes what the TF.js graph
 * computes.
 */
class HumanFaceMeshConversionTest extends ShippedConversionCheck {
    static final Path COMMITTED = Path.of("..", "models", "facemesh", "facemesh.onnx");
    static final int SIZE = 192;
    static final ModelContract CONTRACT = ModelContract.builder()
            .input("input", ElementType.FLOAT, -1, SIZE, SIZE, 3)
            .output("landmarks", ElementType.FLOAT, -1, 1404)
            .output("face_flag", ElementType.FLOAT, -1, 1)
            .build();

    HumanFaceMeshConversionTest() {
        super("/human-3.3.6/facemesh.json", COMMITTED, CONTRACT, TfjsToOnnx.HUMAN_FACEMESH);
    }

    @Test
    void cliPresetGivesTheSameOptionsAsTheConstant() {
        assertEquals(TfjsToOnnx.HUMAN_FACEMESH, TfjsToOnnx.parse(List.of("--preset", "human-facemesh")));
        assertEquals(List.of("landmarks", "face_flag"), model.outputNames());
        assertEquals("npm @vladmandic/human@3.3.6 models/facemesh.json + models/facemesh.bin",
                model.customMetadata().get("source"));
    }

    @Test
    void onnxMatchesTheReferenceExecutionOfTheTfjsGraph() {
        int batch = 2;
        int pixels = SIZE * SIZE * 3;
        float[] x = new float[batch * pixels];
        Random random = new Random(7);
        for (int i = 0; i < SIZE * SIZE; i++) {
            int row = i / SIZE, col = i % SIZE;
            // a bright oval on a gradient (face-like blob), and seeded noise in [0, 1]
            double oval = Math.exp(-(Math.pow((col - 96) / 50.0, 2) + Math.pow((row - 100) / 65.0, 2)));
            for (int c = 0; c < 3; c++) {
                x[i * 3 + c] = (float) Math.min(1, 0.3 * row / SIZE + 0.7 * oval * (1 - 0.2 * c));
                x[pixels + i * 3 + c] = random.nextFloat();
            }
        }
        Map<String, T> ref = new TfjsReferenceInterpreter(graph).run(
                Map.of("input_1", new T(new int[]{batch, SIZE, SIZE, 3}, x)), List.of("Identity_2", "Identity_1"));
        Map<String, TensorOutput> out = model.run(Map.of("input", FloatTensorInput.of(x, batch, SIZE, SIZE, 3)));
        float[] mesh = out.get("landmarks").data();
        float[] flag = out.get("face_flag").data();
        assertArrayEquals(new int[]{batch, 1404}, ref.get("Identity_2").shape());
        double meshDiff = TinyGraphConversionTest.maxAbsDiff(ref.get("Identity_2").data(), mesh);
        double flagDiff = TinyGraphConversionTest.maxAbsDiff(ref.get("Identity_1").data(), flag);
        double meshRange = 0;
        for (float v : mesh) {
            meshRange = Math.max(meshRange, Math.abs(v));
        }
        System.out.printf("FaceMesh ONNX vs reference: max |diff| %.3g px on landmarks up to %.1f px, %.3g on the "
                + "face flags %.4f / %.4f%n", meshDiff, meshRange, flagDiff, flag[0], flag[1]);
        // landmarks are crop pixels (0..192); float32 rounding over ~60 layers leaves about 5e-5 px
        assertTrue(meshDiff < 5e-4, "landmarks differ by " + meshDiff + " px");
        assertTrue(flagDiff < 1e-5, "face flags differ by " + flagDiff);
        assertTrue(meshRange > 50, "the landmarks spread over the crop, up to " + meshRange);
    }
}
