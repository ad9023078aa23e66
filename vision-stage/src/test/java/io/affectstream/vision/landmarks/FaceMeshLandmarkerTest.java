package io.affectstream.vision.landmarks;

import io.affectstream.inference.ExecutionDevice;
import io.affectstream.inference.ModelLoadException;
import io.affectstream.vision.align.Similarity;
import io.affectstream.vision.detect.BlazeFaceDetector;
import io.affectstream.vision.detect.Detection;
import io.affectstream.wire.Box;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped FaceMesh model on the astronaut portrait (public domain, see media/README.md). */
class FaceMeshLandmarkerTest {
    private static FaceMeshLandmarker landmarker;
    private static BlazeFaceDetector detector;
    private static BufferedImage astronaut;
    private static Detection face;
    private static FaceLandmarks mesh;

    @BeforeAll
    static void load() throws IOException {
        landmarker = FaceMeshLandmarker.load(null, ExecutionDevice.CPU);
        detector = BlazeFaceDetector.load(BlazeFaceDetector.Variant.BACK, null, 0.5, ExecutionDevice.CPU);
        astronaut = ImageIO.read(FaceMeshLandmarkerTest.class.getResourceAsStream("/media/astronaut.jpg"));
        face = detector.detect(astronaut).get(0);
        mesh = landmarker.landmarks(astronaut, List.of(FaceMeshLandmarker.region(face))).get(0);
    }

    @AfterAll
    static void close() {
        landmarker.close();
        detector.close();
    }

    static BufferedImage rotated(BufferedImage image, double radians) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.rotate(radians, image.getWidth() / 2.0, image.getHeight() / 2.0);
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return out;
    }

    /** Java2D's rotation about the image centre, as a point map. */
    static Similarity rotation(BufferedImage image, double radians) {
        double cx = image.getWidth() / 2.0, cy = image.getHeight() / 2.0;
        Similarity turn = Similarity.of(1, radians, 0, 0);
        return new Similarity(turn.a(), turn.b(), cx - turn.x(cx, cy), cy - turn.y(cx, cy));
    }

    @Test
    void findsAFaceWhereBlazeFaceDoes() {
        System.out.println("astronaut mesh: " + mesh + ", BlazeFace eyes (" + face.keypoints()[0] + ", "
                + face.keypoints()[1] + ") (" + face.keypoints()[2] + ", " + face.keypoints()[3] + ")");
        assertTrue(mesh.faceScore() > 0.9, "face flag " + mesh.faceScore());
        // a crop with no face in it scores low
        FaceLandmarks sky = landmarker.landmarks(astronaut, List.of(new FaceRegion(60, 60, 100, 0))).get(0);
        assertTrue(sky.faceScore() < 0.5, "face flag of a faceless corner " + sky.faceScore());
    }

    @Test
    void eyeCentresLieOnBlazeFacesEyeKeypoints() {
        double[] k = face.keypoints();
        double eyes = Math.hypot(k[2] - k[0], k[3] - k[1]);
        double right = Math.hypot(mesh.rightEyeCentre().x() - k[0], mesh.rightEyeCentre().y() - k[1]);
        double left = Math.hypot(mesh.leftEyeCentre().x() - k[2], mesh.leftEyeCentre().y() - k[3]);
        System.out.printf("eye centre vs BlazeFace keypoint: right %.2f px, left %.2f px, eye distance %.1f px%n",
                right, left, eyes);
        // measured: 1.1 and 0.7 px at an eye distance of 45 px (2.5 %); up to 2.2 px (5 %) on turned copies and at
        // crop scales 1.3-1.6, so 6 % of the eye distance
        assertTrue(right < 0.06 * eyes && left < 0.06 * eyes, "eye offsets " + right + ", " + left + " px");
        assertEquals(eyes, mesh.interocularDistance(), 0.06 * eyes);
    }

    @Test
    void theMeshHasAFaceShape() {
        double eyes = mesh.interocularDistance();
        Landmark nose = mesh.noseTip();
        Landmark mr = mesh.mouthRightCorner();
        Landmark ml = mesh.mouthLeftCorner();
        assertTrue(mesh.rightEyeCentre().x() < nose.x() && nose.x() < mesh.leftEyeCentre().x(),
                "the subject's right eye is on the image's left, the nose between the eyes");
        assertTrue(mr.y() > nose.y() && ml.y() > nose.y(), "mouth corners below the nose");
        assertTrue(mr.x() < nose.x() && nose.x() < ml.x(), "nose between the mouth corners");
        // roughly symmetric about the nose: both corners at a similar distance and height
        assertEquals(nose.distance2d(mr), nose.distance2d(ml), 0.25 * eyes);
        assertEquals(mr.y(), ml.y(), 0.15 * eyes);
        assertTrue(mesh.rightBrowMiddle().y() < mesh.rightUpperLid().y()
                && mesh.rightUpperLid().y() < mesh.rightLowerLid().y(), "brow above upper lid above lower lid");
        assertTrue(mesh.leftBrowInner().x() < mesh.leftBrowOuter().x(), "the left brow runs outwards to the right");
        assertTrue(mesh.upperLipTop().y() < mesh.upperLipInner().y() && mesh.lowerLipInner().y() < mesh.lowerLipBottom().y()
                && mesh.lowerLipBottom().y() < mesh.chin().y() && mesh.forehead().y() < mesh.rightBrowMiddle().y(),
                "forehead, brows, lips and chin in order down the face");
        // the smiling astronaut shows her teeth: lips apart
        assertTrue(mesh.lowerLipInner().y() - mesh.upperLipInner().y() > 0.05 * eyes, "mouth open");
        // the nose tip is nearer the camera than the eye corners
        assertTrue(nose.z() < mesh.rightEyeOuterCorner().z() && nose.z() < mesh.leftEyeOuterCorner().z(),
                "nose z " + nose.z() + " vs outer eye corners");
    }

    @Test
    void aBatchGivesWhatSingleCallsGive() {
        List<FaceRegion> regions = List.of(FaceMeshLandmarker.region(face), new FaceRegion(100, 400, 150, 0.3),
                FaceRegion.around(new Box(face.x(), face.y(), face.width(), face.height()), 1.4));
        List<FaceLandmarks> batch = landmarker.landmarks(astronaut, regions);
        assertEquals(3, batch.size());
        for (int i = 0; i < regions.size(); i++) {
            FaceLandmarks single = landmarker.landmarks(astronaut, List.of(regions.get(i))).get(0);
            assertArrayEquals(single.points(), batch.get(i).points(), 1e-3, "face " + i);
            assertEquals(single.faceScore(), batch.get(i).faceScore(), 1e-5);
        }
        assertEquals(List.of(), landmarker.landmarks(astronaut, List.of()));
    }

    @Test
    void landmarksTurnWithARotatedPhoto() {
        double angle = Math.toRadians(20);
        BufferedImage turned = rotated(astronaut, angle);
        Similarity turn = rotation(astronaut, angle);
        Detection turnedFace = detector.detect(turned).get(0);
        double eyes = mesh.interocularDistance();
        double[] expected = turn.apply(mesh.fivePoints());
        double levelled = maxOffset(expected, landmarker.landmarks(turned,
                List.of(FaceMeshLandmarker.region(turnedFace))).get(0));
        FaceLandmarks uprightCrop = landmarker.landmarks(turned, List.of(FaceRegion.around(
                new Box(turnedFace.x(), turnedFace.y(), turnedFace.width(), turnedFace.height()),
                FaceMeshLandmarker.CROP_SCALE))).get(0);
        double upright = maxOffset(expected, uprightCrop);
        System.out.printf("20 deg turned photo: five points off by at most %.2f px with a levelled crop, %.2f px "
                + "with an upright one (eye distance %.1f px); face flag upright crop %.3f%n", levelled, upright,
                eyes, uprightCrop.faceScore());
        // measured: 1.0 px (2.3 % of the eye distance) levelled, 5.8 px upright
        assertTrue(levelled < 0.05 * eyes, "levelled crop: five points off by up to " + levelled + " px");
    }

    private static double maxOffset(double[] expected, FaceLandmarks actual) {
        double[] got = actual.fivePoints();
        double max = 0;
        for (int i = 0; i < 10; i += 2) {
            max = Math.max(max, Math.hypot(got[i] - expected[i], got[i + 1] - expected[i + 1]));
        }
        return max;
    }

    @Test
    void aFileWithTheWrongContractIsRefusedNamingFileAndContract(@TempDir Path dir) throws IOException {
        Path notAModel = Files.writeString(dir.resolve("facemesh.onnx"), "not a model");
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> FaceMeshLandmarker.load(notAModel, ExecutionDevice.CPU));
        assertTrue(e.getMessage().contains(notAModel.toString()), e.getMessage());
        Path emotion = Path.of("..", "models", "mini-xception", "emotion.onnx");
        ModelLoadException wrong = assertThrows(ModelLoadException.class,
                () -> FaceMeshLandmarker.load(emotion, ExecutionDevice.CPU));
        System.out.println("wrong model: " + wrong.getMessage());
        assertTrue(wrong.getMessage().contains("emotion.onnx") && wrong.getMessage().contains("landmarks"),
                wrong.getMessage());
    }
}
