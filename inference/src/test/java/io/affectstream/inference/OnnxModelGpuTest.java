package io.affectstream.inference;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Needs a CUDA-capable GPU and the onnxruntime_gpu artifact; run with
 * {@code -Daffect.gpu=true -DexcludedGroups= -Dgroups=gpu}.
 */
@Tag("gpu")
@EnabledIfSystemProperty(named = "affect.gpu", matches = "true")
class OnnxModelGpuTest {
    @TempDir
    Path dir;

    @Test
    void cudaRunsTheLinearModelAndReportsTheCudaProvider() throws Exception {
        Path file = TestModels.linear().writeTo(dir.resolve("linear.onnx"));
        float[] x = {1f, 2f, 3f, -0.5f, 0f, 4f};
        try (OnnxModel model = OnnxModel.load(file, TestModels.linearContract(), ExecutionDevice.CUDA)) {
            assertEquals(Inference.CUDA_PROVIDER, model.provider());
            assertArrayEquals(TestModels.linearReference(x, 2),
                    model.run(Map.of("x", FloatTensorInput.of(x, 2, 3))).get("y").data(), 1e-5f);
        }
    }

    @Test
    void autoPicksCudaWhenItIsThere() throws Exception {
        Path file = TestModels.linear().writeTo(dir.resolve("linear.onnx"));
        try (OnnxModel model = OnnxModel.load(file, TestModels.linearContract(), ExecutionDevice.AUTO)) {
            assertEquals(Inference.CUDA_PROVIDER, model.provider());
        }
    }
}
