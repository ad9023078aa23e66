package io.affectstream.cli.bench;

import io.affectstream.cli.bench.PythonBaseline.FrameFace;
import io.affectstream.ingest.media.Decoded;
import io.affectstream.ingest.media.MediaException;
import io.affectstream.ingest.media.MediaSource;
import io.affectstream.vision.detect.BlazeFaceDetector;
import io.affectstream.vision.detect.Detection;
import io.affectstream.vision.expression.ExpressionEnsemble;
import io.affectstream.vision.expression.FaceApiExpressionClassifier;
import io.affectstream.vision.expression.MiniXceptionClassifier;
import io.affectstream.vision.landmarks.FaceLandmarks;
import io.affectstream.vision.landmarks.FaceMeshLandmarker;
import io.affectstream.vision.landmarks.Landmark;
import io.affectstream.wire.AffectFrame;
import io.affectstream.wire.Box;
import io.affectstream.wire.Expressions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether two runs saw the same faces: per frame the same number of faces, boxes within a few pixels, the same top
 * expression (the ensemble's, and mini-Xception's own where both sides report it), FaceMesh eye centres within a
 * few pixels (where both report them). Faces are paired by nearest box centre.
 *
 * @param frames           frames compared (those both runs have)
 * @param sameFaceCount    frames where both found as many faces
 * @param faces            faces paired
 * @param maxBoxDeltaPx    the largest difference of any box coordinate (x, y, width, height) between paired faces
 * @param sameLabel        paired faces with the same top expression (the ensemble's, as the vision stage reports)
 * @param miniXceptionPairs paired faces where both sides report mini-Xception's own label
 * @param sameMiniXception of those, the ones with the same label
 * @param eyePairs         paired faces where both sides report FaceMesh eye centres
 * @param maxEyeDeltaPx    the largest distance between the two sides' eye centres over those faces
 */
record Agreement(int frames, int sameFaceCount, int faces, double maxBoxDeltaPx, int sameLabel,
                 int miniXceptionPairs, int sameMiniXception, int eyePairs, double maxEyeDeltaPx) {

    static Agreement of(List<List<FrameFace>> a, List<List<FrameFace>> b) {
        int n = Math.min(a.size(), b.size());
        int sameCount = 0;
        int paired = 0;
        int sameLabel = 0;
        int mxPairs = 0;
        int sameMx = 0;
        int eyePairs = 0;
        double maxEye = 0;
        double maxDelta = 0;
        for (int i = 0; i < n; i++) {
            List<FrameFace> fa = a.get(i);
            List<FrameFace> fb = new ArrayList<>(b.get(i));
            if (fa.size() == fb.size()) {
                sameCount++;
            }
            for (FrameFace face : fa) {
                FrameFace nearest = null;
                double best = Double.MAX_VALUE;
                for (FrameFace other : fb) {
                    double d = Math.hypot(centreX(face) - centreX(other), centreY(face) - centreY(other));
                    if (d < best) {
                        best = d;
                        nearest = other;
                    }
                }
                if (nearest == null) {
                    continue;
                }
                fb.remove(nearest);
                paired++;
                maxDelta = Math.max(maxDelta, Math.max(Math.max(Math.abs(face.x() - nearest.x()),
                        Math.abs(face.y() - nearest.y())), Math.max(Math.abs(face.width() - nearest.width()),
                        Math.abs(face.height() - nearest.height()))));
                if (face.label().equals(nearest.label())) {
                    sameLabel++;
                }
                if (face.miniXception() != null && nearest.miniXception() != null) {
                    mxPairs++;
                    sameMx += face.miniXception().equals(nearest.miniXception()) ? 1 : 0;
                }
                if (face.eyes() != null && nearest.eyes() != null) {
                    eyePairs++;
                    double[] e = face.eyes();
                    double[] o = nearest.eyes();
                    maxEye = Math.max(maxEye, Math.max(Math.hypot(e[0] - o[0], e[1] - o[1]),
                            Math.hypot(e[2] - o[2], e[3] - o[3])));
                }
            }
        }
        return new Agreement(n, sameCount, paired, maxDelta, sameLabel, mxPairs, sameMx, eyePairs, maxEye);
    }

    /**
     * The vision stage's default models on every frame of the clip, in this process, without Kafka or JPEG: what
     * the Python baseline does, in Java. The ensemble is the stage's default one (equal weights).
     */
    static List<List<FrameFace>> javaFaces(String clip, int maxSide, BlazeFaceDetector detector,
                                           MiniXceptionClassifier miniXception, FaceApiExpressionClassifier faceApi,
                                           FaceMeshLandmarker mesh) throws MediaException {
        // not closed here: the caller owns the members
        ExpressionEnsemble ensemble = ExpressionEnsemble.of(List.of(miniXception, faceApi));
        List<List<FrameFace>> frames = new ArrayList<>();
        try (MediaSource source = MediaSource.open(clip, maxSide)) {
            for (Decoded d = source.next(); d != null; d = source.next()) {
                if (d instanceof Decoded.Image image) {
                    List<Detection> found = detector.detect(image.image());
                    List<Box> boxes = found.stream().map(FaceModelBench::boxOf).toList();
                    List<Expressions> mx = miniXception.classifyBatch(image.image(), boxes);
                    List<Expressions> expressions = ensemble.classifyBatch(image.image(), boxes);
                    List<FaceLandmarks> meshes = mesh.landmarks(image.image(),
                            found.stream().map(FaceMeshLandmarker::region).toList());
                    List<FrameFace> faces = new ArrayList<>();
                    for (int i = 0; i < boxes.size(); i++) {
                        Box b = boxes.get(i);
                        Landmark right = meshes.get(i).rightEyeCentre();
                        Landmark left = meshes.get(i).leftEyeCentre();
                        faces.add(new FrameFace(b.x(), b.y(), b.width(), b.height(),
                                expressions.get(i).label().wireName(), mx.get(i).label().wireName(),
                                new double[]{right.x(), right.y(), left.x(), left.y()}));
                    }
                    frames.add(faces);
                }
            }
        }
        return frames;
    }

    /** The faces of the pipeline's fused records (boxes as detected; expressions smoothed over time). */
    static List<List<FrameFace>> pipelineFaces(List<AffectFrame> records) {
        List<List<FrameFace>> frames = new ArrayList<>();
        for (AffectFrame r : records) {
            List<FrameFace> faces = new ArrayList<>();
            for (AffectFrame.AffectFace f : r.faces()) {
                Box b = f.box();
                faces.add(new FrameFace(b.x(), b.y(), b.width(), b.height(),
                        f.expressions() == null ? "none" : f.expressions().label().wireName(), null, null));
            }
            frames.add(faces);
        }
        return frames;
    }

    private static double centreX(FrameFace f) {
        return f.x() + f.width() / 2;
    }

    private static double centreY(FrameFace f) {
        return f.y() + f.height() / 2;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d of %d frames with the same number of faces; %d faces paired, boxes"
                + " within %.1f px, the same top expression for %d of them", sameFaceCount, frames, faces,
                maxBoxDeltaPx, sameLabel)
                + (miniXceptionPairs == 0 ? "" : String.format(Locale.ROOT, "; mini-Xception alone: the same for %d"
                + " of %d", sameMiniXception, miniXceptionPairs))
                + (eyePairs == 0 ? "" : String.format(Locale.ROOT, "; FaceMesh eye centres within %.1f px over %d"
                + " faces", maxEyeDeltaPx, eyePairs));
    }
}
