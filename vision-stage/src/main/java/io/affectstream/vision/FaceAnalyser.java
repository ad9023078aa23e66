package io.affectstream.vision;

import io.affectstream.scoring.AuThresholds;
import io.affectstream.vision.align.FaceAligner;
import io.affectstream.vision.align.RgbFrame;
import io.affectstream.vision.au.ExpressionAuTable;
import io.affectstream.vision.detect.BlazeFaceDetector;
import io.affectstream.vision.detect.Detection;
import io.affectstream.vision.expression.ExpressionClassifier;
import io.affectstream.vision.geometry.FaceMeasures;
import io.affectstream.vision.geometry.GeometricActionUnits;
import io.affectstream.vision.geometry.GeometryBaseline;
import io.affectstream.vision.geometry.HeadPoseEstimator;
import io.affectstream.vision.landmarks.FaceLandmarks;
import io.affectstream.vision.landmarks.FaceRegion;
import io.affectstream.vision.landmarks.FaceMeshLandmarker;
import io.affectstream.vision.sequence.VisionSequenceModel;
import io.affectstream.vision.track.FaceTracker;
import io.affectstream.vision.track.Track;
import io.affectstream.vision.track.TrackState;
import io.affectstream.vision.va.CircumplexValenceArousal;
import io.affectstream.wire.ActionUnit;
import io.affectstream.wire.Analysis;
import io.affectstream.wire.AnalysisStatus;
import io.affectstream.wire.Box;
import io.affectstream.wire.Expression;
import io.affectstream.wire.Expressions;
import io.affectstream.wire.Face;
import io.affectstream.wire.HeadPose;
import io.affectstream.wire.Keypoint;
import io.affectstream.wire.Source;
import io.affectstream.wire.VideoFrame;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What the vision stage does to one frame: decode the JPEG; find the faces; follow them across frames; then, for the
 * models configured, all faces of the frame in one batch per model: expressions, FaceMesh landmarks (geometric AUs
 * against each track's neutral baseline, head pose and AUs 51-56), and a CNN-GRU sequence model on the aligned
 * crops with each track's recurrent state. Valence/arousal come from the sequence model ({@code model}) or, without
 * one, from the expressions through the circumplex ({@code derived}). A value whose model is not configured is
 * omitted, never made up; the frame's analysis detail lists what ran.
 */
final class FaceAnalyser implements AutoCloseable {
    static final Analysis UNREADABLE_IMAGE = new Analysis(AnalysisStatus.NOT_ANALYSED,
            "the frame's image could not be decoded");
    /** Landmarks whose face flag is below this are not used for geometry, pose or alignment. */
    static final double MIN_FACE_SCORE = 0.5;

    /** Faces of one frame and whether they could be looked for. */
    record Result(Analysis analysis, List<Face> faces, TrackState tracks) {
    }

    /** The per-track recurrent states of the sequence model (the stage's store {@code vision-sequence-state}). */
    interface HiddenStates {
        float[] get(String streamId, long trackId);

        void put(String streamId, long trackId, float[] state);

        void delete(String streamId, long trackId);

        HiddenStates NONE = new HiddenStates() {
            @Override
            public float[] get(String streamId, long trackId) {
                return null;
            }

            @Override
            public void put(String streamId, long trackId, float[] state) {
            }

            @Override
            public void delete(String streamId, long trackId) {
            }
        };
    }

    /**
     * The models after the detector, each null when not configured.
     *
     * @param expressions a classifier or ensemble
     * @param landmarks   FaceMesh
     * @param sequence    a user's CNN-GRU; needs {@code landmarks} for its aligned crops
     */
    record Models(ExpressionClassifier expressions, FaceMeshLandmarker landmarks, VisionSequenceModel sequence) {
        static final Models NONE = new Models(null, null, null);

        Models {
            if (sequence != null && landmarks == null) {
                throw new IllegalArgumentException("the sequence model takes aligned crops, which need the landmarks");
            }
        }
    }

    private final BlazeFaceDetector detector;
    private final Models models;
    private final FaceTracker tracker;
    private final VisionMetrics metrics;
    private final List<String> modelIds;
    private final Analysis analysed;
    private final AuThresholds thresholds;
    // FaceMesh runs here while the expression models run on the stage's thread: the two need nothing from each
    // other, and on a busy frame they are most of its cost.
    private final ExecutorService landmarkRunner;

    FaceAnalyser(BlazeFaceDetector detector, Models models, FaceTracker tracker, VisionMetrics metrics) {
        this(detector, models, tracker, metrics, null);
    }

    /** @param thresholds per-AU decision thresholds to attach to every AU (its {@code present} flag), or null */
    FaceAnalyser(BlazeFaceDetector detector, Models models, FaceTracker tracker, VisionMetrics metrics,
                 AuThresholds thresholds) {
        this.thresholds = thresholds;
        this.landmarkRunner = models.landmarks() != null && models.expressions() != null
                ? Executors.newSingleThreadExecutor(runnable -> {
                    Thread t = new Thread(runnable, "vision-landmarks");
                    t.setDaemon(true);
                    return t;
                }) : null;
        this.detector = detector;
        this.models = models;
        this.tracker = tracker;
        this.metrics = metrics;
        List<String> ids = new ArrayList<>();
        ids.add(detector.variant().modelId());
        if (models.expressions() != null) {
            ids.add(models.expressions().modelId());
        }
        if (models.landmarks() != null) {
            ids.add(models.landmarks().modelId());
        }
        if (models.sequence() != null) {
            ids.add(models.sequence().modelId());
        }
        this.modelIds = List.copyOf(ids);
        this.analysed = new Analysis(AnalysisStatus.ANALYSED, detail(models));
    }

    boolean hasSequenceModel() {
        return models.sequence() != null;
    }

    static String detail(Models models) {
        List<String> parts = new ArrayList<>(List.of("faces detected and tracked"));
        if (models.expressions() != null) {
            parts.add("expressions classified, AUs derived from them (expression_table)");
        }
        if (models.landmarks() != null) {
            parts.add("landmarks: geometric AUs, head pose and AUs 51-56");
        }
        if (models.sequence() != null) {
            parts.add("valence/arousal, expressions and AUs from the sequence model (model)");
        } else if (models.expressions() != null) {
            parts.add("valence/arousal derived from the expressions (derived)");
        } else {
            parts.add("no valence/arousal model");
        }
        return String.join("; ", parts);
    }

    /**
     * What the stateless models saw in one frame: its pixels (null without faces), the faces in the source frame's
     * pixels, and per face the expressions and landmarks (in the analysis image's pixels; a null list where that
     * model is not configured).
     */
    record Observation(RgbFrame pixels, List<Detection> inSource, List<Expressions> expressions,
                       List<FaceLandmarks> meshes) {
        /** The frame's image could not be decoded. */
        static final Observation UNREADABLE = new Observation(null, List.of(), null, null);
    }

    /** One frame through both halves, {@link #observe} and {@link #conclude}. */
    Result analyse(VideoFrame frame, TrackState tracks, HiddenStates hidden) {
        return conclude(frame, observe(List.of(frame)).get(0), tracks, hidden);
    }

    /**
     * The stateless half, for a micro-batch of frames (one or more, of any streams), in order: each frame decoded
     * and its faces detected (the detector takes one frame per run), then the faces of all the frames through each
     * face model in one run: the expressions on this thread while FaceMesh runs on its own.
     */
    List<Observation> observe(List<VideoFrame> frames) {
        List<RgbFrame> pixels = new ArrayList<>(frames.size());
        List<List<Detection>> detectedInSource = new ArrayList<>(frames.size());
        List<ExpressionClassifier.FaceBox> boxes = new ArrayList<>();
        List<FaceRegion> regions = new ArrayList<>();
        boolean[] unreadable = new boolean[frames.size()];
        for (int f = 0; f < frames.size(); f++) {
            BufferedImage image = FrameImages.decode(frames.get(f));
            if (image == null) {
                unreadable[f] = true;
                pixels.add(null);
                detectedInSource.add(List.of());
                continue;
            }
            long start = System.nanoTime();
            List<Detection> detections = detector.detect(image);
            metrics.inference(detector.variant().modelId(), System.nanoTime() - start);
            RgbFrame rgb = detections.isEmpty() ? null : RgbFrame.of(image);
            pixels.add(rgb);
            detectedInSource.add(inSource(frames.get(f), image, detections));
            for (Detection d : detections) {
                boxes.add(new ExpressionClassifier.FaceBox(rgb, new Box(d.x(), d.y(), d.width(), d.height())));
                regions.add(FaceMeshLandmarker.region(d));
            }
        }
        List<RgbFrame> faceFrames = boxes.stream().map(ExpressionClassifier.FaceBox::frame).toList();
        List<Expressions> expressions;
        List<FaceLandmarks> meshes;
        if (landmarkRunner != null && !boxes.isEmpty()) {
            Future<List<FaceLandmarks>> pending = landmarkRunner.submit(() -> landmarks(faceFrames, regions));
            expressions = classify(boxes);
            meshes = await(pending);
        } else {
            expressions = classify(boxes);
            meshes = landmarks(faceFrames, regions);
        }
        List<Observation> observations = new ArrayList<>(frames.size());
        int offset = 0;
        for (int f = 0; f < frames.size(); f++) {
            if (unreadable[f]) {
                observations.add(Observation.UNREADABLE);
                continue;
            }
            int n = detectedInSource.get(f).size();
            observations.add(new Observation(pixels.get(f), detectedInSource.get(f),
                    expressions == null ? null : expressions.subList(offset, offset + n),
                    meshes == null ? null : meshes.subList(offset, offset + n)));
            offset += n;
        }
        return observations;
    }

    /**
     * The stateful half, for one frame after {@link #observe}, frame by frame in each stream's order: the faces
     * follow their tracks, the sequence model steps each track's recurrent state, the geometric AUs compare with and
     * update each track's neutral baseline; then each face's outputs are put together.
     */
    Result conclude(VideoFrame frame, Observation seen, TrackState tracks, HiddenStates hidden) {
        if (seen == Observation.UNREADABLE) {
            return new Result(UNREADABLE_IMAGE, List.of(), tracks);
        }
        List<Detection> inSource = seen.inSource();
        FaceTracker.Update update = tracker.update(tracks, frame.frameIndex(), inSource);
        forgetEndedTracks(frame.streamId(), tracks, update.state(), hidden);
        int n = inSource.size();
        List<Expressions> expressions = seen.expressions();
        List<FaceLandmarks> meshes = seen.meshes();
        List<VisionSequenceModel.Output> sequence = sequence(frame.streamId(), update.trackIds(), seen.pixels(),
                meshes, hidden);

        List<Track> nextTracks = new ArrayList<>(update.state().tracks());
        List<Face> faces = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long trackId = update.trackIds()[i];
            Expressions faceExpressions = expressions == null ? null : expressions.get(i);
            List<ActionUnit> aus = new ArrayList<>();
            Double valence = null;
            Double arousal = null;
            Source vaSource = null;
            VisionSequenceModel.Output out = sequence == null ? null : sequence.get(i);
            if (out != null) {
                valence = out.valence();
                arousal = out.arousal();
                vaSource = Source.MODEL;
                faceExpressions = Expressions.of(out.expressions(), Source.MODEL);
                List<Integer> auNumbers = models.sequence().contract().actionUnits();
                for (int k = 0; k < auNumbers.size(); k++) {
                    aus.add(new ActionUnit(auNumbers.get(k), out.auProbabilities()[k], Source.MODEL));
                }
            } else if (faceExpressions != null) {
                double[] va = CircumplexValenceArousal.of(faceExpressions);
                valence = va[0];
                arousal = va[1];
                vaSource = Source.DERIVED;
            }
            HeadPose pose = null;
            FaceLandmarks mesh = meshes == null ? null : meshes.get(i);
            if (mesh != null && mesh.faceScore() >= MIN_FACE_SCORE) {
                pose = HeadPoseEstimator.estimate(mesh);
                Track track = trackById(nextTracks, trackId);
                GeometryBaseline baseline = track.geometry() == null ? GeometryBaseline.prior() : track.geometry();
                boolean neutral = faceExpressions == null || faceExpressions.label() == Expression.NEUTRAL;
                GeometricActionUnits.Result geometry = GeometricActionUnits.step(FaceMeasures.of(mesh), baseline,
                        neutral, frame.ptsMicros());
                nextTracks.set(nextTracks.indexOf(track), track.withGeometry(geometry.baseline()));
                aus.addAll(geometry.actionUnits());
                aus.addAll(HeadPoseEstimator.actionUnits(pose));
            }
            if (expressions != null) {
                aus.addAll(ExpressionAuTable.of(expressions.get(i)));
            }
            if (thresholds != null) {
                aus.replaceAll(au -> au.withThreshold(thresholds.threshold(au.au())));
            }
            Detection d = inSource.get(i);
            faces.add(new Face(trackId, new Box(d.x(), d.y(), d.width(), d.height()), Math.min(1, d.score()),
                    keypoints(d), faceExpressions, valence, arousal, vaSource, aus, pose, modelIds));
        }
        return new Result(analysed, faces, new TrackState(nextTracks, update.state().nextId()));
    }

    private static <T> T await(Future<T> pending) {
        try {
            return pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while FaceMesh ran", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("FaceMesh failed", e.getCause());
        }
    }

    @Override
    public void close() {
        if (landmarkRunner != null) {
            landmarkRunner.shutdownNow();
        }
    }

    private static List<Keypoint> keypoints(Detection d) {
        double[] k = d.keypoints();
        List<Keypoint> keypoints = new ArrayList<>(Detection.KEYPOINT_NAMES.length);
        for (int p = 0; p < Detection.KEYPOINT_NAMES.length; p++) {
            keypoints.add(new Keypoint(Detection.KEYPOINT_NAMES[p], k[2 * p], k[2 * p + 1]));
        }
        return keypoints;
    }

    private static Track trackById(List<Track> tracks, long id) {
        for (Track t : tracks) {
            if (t.id() == id) {
                return t;
            }
        }
        throw new IllegalStateException("the tracker returned id " + id + " without its track");
    }

    /** A track the tracker let go of takes its recurrent state with it. */
    private void forgetEndedTracks(String streamId, TrackState before, TrackState after, HiddenStates hidden) {
        if (models.sequence() == null) {
            return;
        }
        Set<Long> live = new HashSet<>();
        after.tracks().forEach(t -> live.add(t.id()));
        for (Track t : before.tracks()) {
            if (!live.contains(t.id())) {
                hidden.delete(streamId, t.id());
            }
        }
    }

    /** The detections (analysis image pixels) in the source frame's pixels. */
    private static List<Detection> inSource(VideoFrame frame, BufferedImage image, List<Detection> detections) {
        double sx = (double) frame.sourceWidth() / image.getWidth();
        double sy = (double) frame.sourceHeight() / image.getHeight();
        List<Detection> inSource = new ArrayList<>(detections.size());
        for (Detection d : detections) {
            double[] k = d.keypoints().clone();
            for (int i = 0; i < k.length; i += 2) {
                k[i] *= sx;
                k[i + 1] *= sy;
            }
            inSource.add(new Detection(d.x() * sx, d.y() * sy, d.width() * sx, d.height() * sy, d.score(), k));
        }
        return inSource;
    }

    /** All faces in one call (boxes in their frames' analysis pixels); null without a model. */
    private List<Expressions> classify(List<ExpressionClassifier.FaceBox> faces) {
        if (models.expressions() == null) {
            return null;
        }
        if (faces.isEmpty()) {
            return List.of();
        }
        long start = System.nanoTime();
        List<Expressions> out = models.expressions().classify(faces);
        metrics.inference(models.expressions().modelId(), System.nanoTime() - start);
        return out;
    }

    /** FaceMesh on all faces in one call (points in their frames' analysis pixels); null without the model. */
    private List<FaceLandmarks> landmarks(List<RgbFrame> frames, List<FaceRegion> regions) {
        if (models.landmarks() == null) {
            return null;
        }
        if (regions.isEmpty()) {
            return List.of();
        }
        long start = System.nanoTime();
        List<FaceLandmarks> out = models.landmarks().landmarks(frames, regions);
        metrics.inference(models.landmarks().modelId(), System.nanoTime() - start);
        return out;
    }

    /**
     * The sequence model on the aligned crops of the faces with usable landmarks, one batch with each track's state
     * (a track appears once per frame); per face its output, or null for a face without usable landmarks.
     */
    private List<VisionSequenceModel.Output> sequence(String streamId, long[] trackIds, RgbFrame rgb,
                                                      List<FaceLandmarks> meshes, HiddenStates hidden) {
        VisionSequenceModel model = models.sequence();
        if (model == null || meshes == null || meshes.isEmpty()) {
            return null;
        }
        List<Integer> usable = new ArrayList<>();
        for (int i = 0; i < meshes.size(); i++) {
            if (meshes.get(i).faceScore() >= MIN_FACE_SCORE) {
                usable.add(i);
            }
        }
        List<VisionSequenceModel.Output> perFace = new ArrayList<>(java.util.Collections.nCopies(meshes.size(), null));
        if (usable.isEmpty()) {
            return perFace;
        }
        long start = System.nanoTime();
        VisionSequenceModel.Batch batch = model.batch(usable.size());
        for (int b = 0; b < usable.size(); b++) {
            int face = usable.get(b);
            FaceAligner.align(rgb, meshes.get(face).fivePoints(), batch.crops(), b * FaceAligner.FLOATS_PER_FACE);
            float[] state = hidden.get(streamId, trackIds[face]);
            batch.state(b, state == null ? model.initialState() : state);
        }
        List<VisionSequenceModel.Output> outputs = batch.run();
        for (int b = 0; b < usable.size(); b++) {
            int face = usable.get(b);
            perFace.set(face, outputs.get(b));
            hidden.put(streamId, trackIds[face], outputs.get(b).state());
        }
        metrics.inference(model.modelId(), System.nanoTime() - start);
        return perFace;
    }
}
