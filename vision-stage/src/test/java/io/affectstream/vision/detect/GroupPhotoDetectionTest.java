package io.affectstream.vision.detect;

import io.affectstream.inference.ExecutionDevice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * BlazeFace back-256 on face-api's demo group photos (MIT, see media/README.md): every face a person sees in them
 * is found, once, where it is.
 */
class GroupPhotoDetectionTest {
    private static BlazeFaceDetector back;

    @BeforeAll
    static void load() {
        back = BlazeFaceDetector.load(BlazeFaceDetector.Variant.BACK, null, 0.5, ExecutionDevice.CPU);
    }

    @AfterAll
    static void close() {
        back.close();
    }

    /** Each photo with the face centres a person marks in it (960 px wide copies). */
    static Stream<Arguments> photos() {
        return Stream.of(
                // five women on a staircase: top centre, left middle, right middle, right front, bottom left
                Arguments.of("faceapi-sample5.jpg", new double[][]{
                        {430, 122}, {335, 279}, {603, 174}, {764, 273}, {228, 521}}),
                // four women standing in a row
                Arguments.of("faceapi-sample6.jpg", new double[][]{
                        {173, 324}, {387, 248}, {632, 234}, {794, 218}}));
    }

    @ParameterizedTest
    @MethodSource("photos")
    void findsEveryFaceOfTheGroupPhotoOnce(String file, double[][] centres) throws IOException {
        BufferedImage photo = ImageIO.read(GroupPhotoDetectionTest.class.getResourceAsStream("/media/" + file));
        List<Detection> faces = new ArrayList<>(back.detect(photo));
        assertEquals(centres.length, faces.size(), file + ": " + faces);
        for (double[] c : centres) {
            Detection nearest = faces.stream().min(java.util.Comparator.comparingDouble(
                    d -> Math.hypot(d.x() + d.width() / 2 - c[0], d.y() + d.height() / 2 - c[1]))).orElseThrow();
            double off = Math.hypot(nearest.x() + nearest.width() / 2 - c[0], nearest.y() + nearest.height() / 2 - c[1]);
            assertTrue(off < 0.25 * nearest.width(), file + ": no face box centred near " + c[0] + "," + c[1]
                    + " (nearest " + nearest + ")");
            assertTrue(nearest.score() > 0.7, file + ": score " + nearest.score());
            assertTrue(nearest.width() > 70 && nearest.width() < 140, file + ": box width " + nearest.width());
            faces.remove(nearest); // each marked face claims its own box
        }
    }
}
