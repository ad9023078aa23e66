package io.affectstream.vision;

import io.affectstream.inference.ExecutionDevice;
import io.affectstream.vision.detect.BlazeFaceDetector;
import io.affectstream.vision.detect.Detection;
import io.affectstream.vision.expression.ExpressionEnsemble;
import io.affectstream.vision.landmarks.FaceLandmarks;
import io.affectstream.vision.landmarks.FaceMeshLandmarker;
import io.affectstream.wire.Box;
import io.affectstream.wire.Expressions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The vision stage's shipped models on CUDA give what they give on the CPU, on the astronaut portrait. Needs a
 * CUDA-capable GPU and the {@code -Pcuda} build; run with
 * {@code mvn -Pcuda -pl vision-stage -am test -Daffect.gpu=true -DexcludedGroups= -Dgroups=gpu}.
 */
@Tag("gpu")
@EnabledIfSystemProperty(named = "affect.gpu", matches = "true")
class VisionModelsGpuTest {
    private record Seen(String provider, Detection face, Expressions expressions, FaceLandmarks mesh) {
    }

    private static Seen run(ExecutionDevice device, BufferedImage image) {
        try (BlazeFaceDetector detector = BlazeFaceDetector.load(BlazeFaceDetector.Variant.BACK, null, 0.6, device);
             ExpressionEnsemble ensemble = ExpressionEnsemble.loadShipped(device, 1, 1);
             FaceMeshLandmarker mesh = FaceMeshLandmarker.load(null, device)) {
            Detection face = detector.detect(image).get(0);
            Box box = new Box(face.x(), face.y(), face.width(), face.height());
            return new Seen(detector.provider() + "/" + ensemble.provider() + "/" + mesh.provider(), face,
                    ensemble.classifyBatch(image, List.of(box)).get(0),
                    mesh.landmarks(image, List.of(FaceMeshLandmarker.region(face))).get(0));
        }
    }

    @Test
    void cudaAgreesWithTheCpuOnEveryShippedVisionModel() throws Exception {
        BufferedImage astronaut = ImageIO.read(VisionModelsGpuTest.class.getResourceAsStream("/media/astronaut.jpg"));
        Seen cpu = run(ExecutionDevice.CPU, astronaut);
        Seen gpu = run(ExecutionDevice.CUDA, astronaut);
        assertTrue(gpu.provider().chars().filter(c -> c == '/').count() == 2
                && !gpu.provider().contains("CPUExecutionProvider"), gpu.provider());
        assertEquals(cpu.face().x(), gpu.face().x(), 0.5);
        assertEquals(cpu.face().width(), gpu.face().width(), 0.5);
        assertEquals(cpu.expressions().label(), gpu.expressions().label());
        assertArrayEquals(cpu.expressions().vector(), gpu.expressions().vector(), 1e-3);
        assertEquals(cpu.mesh().rightEyeCentre().x(), gpu.mesh().rightEyeCentre().x(), 0.5);
        assertEquals(cpu.mesh().leftEyeCentre().y(), gpu.mesh().leftEyeCentre().y(), 0.5);
    }
}
