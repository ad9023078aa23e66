package io.affectstream.vision.landmarks;

import io.affectstream.vision.align.Similarity;
import io.affectstream.vision.detect.Detection;
import io.affectstream.wire.Box;

/**
 * The square of a frame that FaceMesh looks at, possibly turned so that the eyes lie level in the crop, as
 * MediaPipe's face landmark graph does (its region of interest is rotated by the angle of the detector's eye
 * keypoints).
 *
 * @param centreX centre, frame pixels
 * @param centreY centre, frame pixels
 * @param side    side length, frame pixels
 * @param radians rotation of the crop's x axis against the frame's (clockwise on screen, as y points down)
 */
public record FaceRegion(double centreX, double centreY, double side, double radians) {

    public FaceRegion {
        if (!(side > 0) || !Double.isFinite(side) || !Double.isFinite(centreX) || !Double.isFinite(centreY)
                || !Double.isFinite(radians)) {
            throw new IllegalArgumentException("a face region needs a finite centre and angle and a positive side, got "
                    + "centre (" + centreX + ", " + centreY + "), side " + side + ", angle " + radians);
        }
    }

    /** An upright square of {@code scale} x the box's larger side, on the box's centre. */
    public static FaceRegion around(Box box, double scale) {
        return new FaceRegion(box.x() + box.width() / 2, box.y() + box.height() / 2,
                scale * Math.max(box.width(), box.height()), 0);
    }

    /**
     * As {@link #around}, turned so that the line from the subject's right eye (on the image's left in a frontal
     * view) to the left eye becomes horizontal in the crop.
     */
    public static FaceRegion levelled(Box box, double scale, double rightEyeX, double rightEyeY,
                                      double leftEyeX, double leftEyeY) {
        FaceRegion upright = around(box, scale);
        return new FaceRegion(upright.centreX, upright.centreY, upright.side,
                Math.atan2(leftEyeY - rightEyeY, leftEyeX - rightEyeX));
    }

    /** The levelled region of a BlazeFace detection, from its box and its two eye keypoints. */
    public static FaceRegion of(Detection detection, double scale) {
        double[] k = detection.keypoints(); // right eye, then left eye, first
        return levelled(new Box(detection.x(), detection.y(), detection.width(), detection.height()), scale,
                k[0], k[1], k[2], k[3]);
    }

    /** From the pixels of a {@code size x size} crop of this region to frame pixels. */
    public Similarity cropToFrame(int size) {
        double s = side / size;
        Similarity turn = Similarity.of(s, radians, 0, 0);
        double half = size / 2.0;
        return new Similarity(turn.a(), turn.b(), centreX - turn.x(half, half), centreY - turn.y(half, half));
    }
}
