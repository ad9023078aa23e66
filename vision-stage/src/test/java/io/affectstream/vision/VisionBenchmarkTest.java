package io.affectstream.vision;

import io.affectstream.wire.VideoFrame;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VisionBenchmarkTest {
    @Test
    void timesTheStagesAnalysisPerFrameAndPerModel() {
        PhotoFrames photo = new PhotoFrames("/media/faceapi-sample6.jpg");
        List<VideoFrame> frames = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            frames.add(photo.frame("b", i));
        }
        VisionBenchmark.Result r = VisionBenchmark.run(frames, Map.of(), 1);
        assertEquals(3, r.frames());
        assertEquals(4.0, r.facesPerFrame(), 1e-9, "the four people of the photo");
        assertTrue(r.framesPerSecond() > 0);
        assertEquals(3, r.msPerCall().size(), "detector, ensemble, FaceMesh: " + r.msPerCall());
        r.msPerCall().values().forEach(ms -> assertTrue(ms > 0));
    }
}
