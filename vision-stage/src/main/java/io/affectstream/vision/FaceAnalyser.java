package io.affectstream.vision;

import io.affectstream.vision.detect.BlazeFaceDetector;
import io.affectstream.vision.detect.Detection;
import io.affectstream.wire.Analysis;
import io.affectstream.wire.AnalysisStatus;
import io.affectstream.vision.au.ExpressionAuTable;
import io.affectstream.vision.expression.MiniXceptionClassifier;
import io.affectstream.wire.Box;
import io.affectstream.wire.Expressions;
import io.affectstream.wire.Face;
import io.affectstream.wire.Keypoint;
import io.affectstream.wire.VideoFrame;
import io.affectstream.vision.track.FaceTracker;
import io.affectstream.vision.track.TrackState;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * What the vision stage does to one frame: decode the JPEG, find faces, follow them across frames, classify
 * their expressions (when an expression model is configured), and express boxes and keypoints in the source
 * frame's pixels. Valence/arousal and AU models are not configured yet: those values are omitted, and the
 * frame's analysis detail says so.
 */
final class FaceAnalyser {
    static final Analysis DETECTION_ONLY = new Analysis(AnalysisStatus.ANALYSED,
            "face detection and tracking only: no expression, valence/arousal or AU model configured");
    static final Analysis WITH_EXPRESSIONS = new Analysis(AnalysisStatus.ANALYSED,
            "faces detected, tracked and their expressions classified; AUs derived from the expressions"
                    + " (expression_table); no valence/arousal or trained AU model configured");
    static final Analysis UNREADABLE_IMAGE = new Analysis(AnalysisStatus.NOT_ANALYSED,
            "the frame's image could not be decoded");

    /** Faces of one frame and whether they could be looked for. */
    record Result(Analysis analysis, List<Face> faces, TrackState tracks) {
    }

    private final BlazeFaceDetector detector;
    private final MiniXceptionClassifier expressions;
    private final FaceTracker tracker;
    private final VisionMetrics metrics;
    private final List<String> models;

    FaceAnalyser(BlazeFaceDetector detector, FaceTracker tracker, VisionMetrics metrics) {
        this(detector, null, tracker, metrics);
    }

    /** @param expressions the expression classifier, or null for detection and tracking only */
    FaceAnalyser(BlazeFaceDetector detector, MiniXceptionClassifier expressions, FaceTracker tracker,
                 VisionMetrics metrics) {
        this.detector = detector;
        this.expressions = expressions;
        this.tracker = tracker;
        this.metrics = metrics;
        this.models = expressions == null ? List.of(detector.variant().modelId())
                : List.of(detector.variant().modelId(), expressions.modelId());
    }

    Result analyse(VideoFrame frame, TrackState tracks) {
        BufferedImage image = JpegFrames.decode(frame.image());
        if (image == null) {
            return new Result(UNREADABLE_IMAGE, List.of(), tracks);
        }
        long start = System.nanoTime();
        List<Detection> detections = detector.detect(image);
        metrics.inference(detector.variant().modelId(), System.nanoTime() - start);
        double sx = (double) frame.sourceWidth() / image.getWidth();
        double sy = (double) frame.sourceHeight() / image.getHeight();
        List<Detection> inSource = new ArrayList<>(detections.size());
        for (Detection d : detections) {
            double[] k = d.keypoints();
            for (int i = 0; i < k.length; i += 2) {
                k[i] *= sx;
                k[i + 1] *= sy;
            }
            inSource.add(new Detection(d.x() * sx, d.y() * sy, d.width() * sx, d.height() * sy, d.score(), k));
        }
        List<Expressions> classified = classify(image, detections);
        FaceTracker.Update update = tracker.update(tracks, frame.frameIndex(), inSource);
        List<Face> faces = new ArrayList<>(inSource.size());
        for (int i = 0; i < inSource.size(); i++) {
            Detection d = inSource.get(i);
            double[] k = d.keypoints();
            List<Keypoint> keypoints = new ArrayList<>(Detection.KEYPOINT_NAMES.length);
            for (int p = 0; p < Detection.KEYPOINT_NAMES.length; p++) {
                keypoints.add(new Keypoint(Detection.KEYPOINT_NAMES[p], k[2 * p], k[2 * p + 1]));
            }
            faces.add(new Face(update.trackIds()[i], new Box(d.x(), d.y(), d.width(), d.height()),
                    Math.min(1, d.score()), keypoints, classified == null ? null : classified.get(i), null, null,
                    null, classified == null ? List.of() : ExpressionAuTable.of(classified.get(i)), null, models));
        }
        return new Result(expressions == null ? DETECTION_ONLY : WITH_EXPRESSIONS, faces, update.state());
    }

    /** All faces of the frame in one call, on the analysis image (boxes in its pixels); null without a model. */
    private List<Expressions> classify(BufferedImage image, List<Detection> detections) {
        if (expressions == null || detections.isEmpty()) {
            return expressions == null ? null : List.of();
        }
        List<Box> boxes = new ArrayList<>(detections.size());
        for (Detection d : detections) {
            boxes.add(new Box(d.x(), d.y(), d.width(), d.height()));
        }
        long start = System.nanoTime();
        List<Expressions> out = expressions.classifyBatch(image, boxes);
        metrics.inference(expressions.modelId(), System.nanoTime() - start);
        return out;
    }
}
