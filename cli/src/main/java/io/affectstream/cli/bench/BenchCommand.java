package io.affectstream.cli.bench;

import io.affectstream.audio.AudioConfig;
import io.affectstream.audio.AudioModels;
import io.affectstream.cli.CliError;
import io.affectstream.cli.ExitCodes;
import io.affectstream.inference.ExecutionDevice;
import io.affectstream.inference.OnnxModel;
import io.affectstream.inference.ShippedModels;
import io.affectstream.ingest.media.MediaException;
import io.affectstream.ingest.RawFrames;
import io.affectstream.vision.VisionBenchmark;
import io.affectstream.vision.VisionConfig;
import io.affectstream.wire.ImageEncoding;
import io.affectstream.wire.VideoFrame;
import io.affectstream.vision.detect.BlazeFaceDetector;
import io.affectstream.vision.detect.Detection;
import io.affectstream.vision.expression.FaceApiExpressionClassifier;
import io.affectstream.vision.expression.MiniXceptionClassifier;
import io.affectstream.vision.landmarks.FaceMeshLandmarker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code affect bench}: how fast each part of the pipeline is on one clip, how fast the whole is, and how close
 * the whole runs to its slowest part. Prints the figures and appends a dated row to docs/benchmarks.md.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures, on one clip: decode-only frames/s; each model's bare inference at batch 1 and N;",
                "the whole pipeline's frames/s through the embedded broker (overall and after warm-up); the live",
                "(--realtime) capture -> record latency; the ratio of the pipeline to its slowest part; optionally a",
                "plain single-process Python baseline (onnxruntime) doing the same per-frame work. Appends a row to docs/benchmarks.md."},
        footer = {"", "Examples:",
                "  java -jar affect.jar bench --input clip.mp4",
                "  java -jar affect.jar bench --input clip.mp4 --python-baseline --no-append",
                "", "Exit codes: 0 done, 1 unusable input, 2 bad options, 3 a run failed."})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE", description = "The clip (a media file).")
    String input;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "8",
            description = "The larger batch for models that take one (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--warmup", paramLabel = "CALLS", defaultValue = "20",
            description = "Untimed calls before each model figure, and frames before the decode figure (default: ${DEFAULT-VALUE}).")
    int warmUp;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "2",
            description = "Time spent on each model figure after its warm-up (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--pipeline-warmup", paramLabel = "SHARE", defaultValue = "0.3",
            description = "Share of the clip left out of the pipeline's steady-state figures (default: ${DEFAULT-VALUE}).")
    double pipelineWarmUp;

    @Option(names = "--max-side", paramLabel = "PX", defaultValue = "640",
            description = "Analysis size, as run --max-side (default: ${DEFAULT-VALUE}).")
    int maxSide;

    @Option(names = "--vision-batch", paramLabel = "FRAMES", defaultValue = "1",
            description = {"Also time the vision stage without Kafka in micro-batches of this many frames"
                    + " (vision.batch.max.frames); printed, not in the table (default: ${DEFAULT-VALUE}: not timed)."})
    int visionBatch;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = {"A stage setting for the pipeline runs, the vision stage and the model figures, repeatable;",
                    "vision.detector and vision.expressions also choose the Python baseline's models. The baseline's",
                    "own work: vision.detector=front --set vision.expressions=mini-xception."})
    Map<String, String> settings = new java.util.LinkedHashMap<>();

    @Option(names = "--no-pipeline", description = "Skip both pipeline runs (no Kafka).")
    boolean noPipeline;

    @Option(names = "--no-realtime", description = "Skip the paced run that measures latency.")
    boolean noRealtime;

    @Option(names = "--python-baseline", description = "Also run scripts/python-baseline/baseline.py on the clip.")
    boolean pythonBaseline;

    @Option(names = "--python", paramLabel = "EXE",
            description = {"Python for the baseline (scripts/install-python-baseline.sh; default: its virtualenv "
                    + PythonBaseline.VENV_PYTHON + " when that exists, else " + PythonBaseline.SYSTEM_PYTHON + ")."})
    String python;

    @Option(names = "--baseline-script", paramLabel = "FILE", defaultValue = "scripts/python-baseline/baseline.py",
            description = "The baseline script (default: ${DEFAULT-VALUE}, from the repository root).")
    Path baselineScript;

    @Option(names = "--benchmarks-file", paramLabel = "FILE", defaultValue = "docs/benchmarks.md",
            description = "Where the dated row goes (default: ${DEFAULT-VALUE}).")
    Path benchmarksFile;

    @Option(names = "--no-append", description = "Print the figures only; append nothing.")
    boolean noAppend;

    @Option(names = {"-v", "--verbose"}, description = "Show the pipeline runs' own summaries.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        checkOptions();
        MachineFacts machine = MachineFacts.read();
        ClipSample clip;
        try {
            clip = ClipSample.decode(input, maxSide, warmUp, 50);
        } catch (MediaException e) {
            throw new CliError(e.getMessage(), ExitCodes.BAD_INPUT, e);
        }
        Path work = Files.createTempDirectory("affect-bench-");
        try {
            return run(machine, clip, work);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private int run(MachineFacts machine, ClipSample clip, Path work) throws Exception {
        Map<String, Object> visionProps = new java.util.HashMap<>(settings);
        visionProps.put("bootstrap.servers", "unused:9092");
        VisionConfig vision = new VisionConfig(visionProps);
        List<BenchReport.ModelResult> models = new ArrayList<>();
        PythonBaseline baseline = null;
        Agreement javaAgreement = null;
        try (BlazeFaceDetector detector = BlazeFaceDetector.load(BlazeFaceDetector.Variant.parse(vision.detector()),
                null, vision.detectorThreshold(), vision.device());
             MiniXceptionClassifier classifier = MiniXceptionClassifier.load(null, vision.device());
             FaceApiExpressionClassifier faceApi = FaceApiExpressionClassifier.load(null, vision.device());
             FaceMeshLandmarker mesh = FaceMeshLandmarker.load(null, vision.device())) {
            for (ModelBench bench : modelBenches(clip, detector, classifier, faceApi, mesh, vision.device())) {
                models.add(measure(bench));
            }
            if (pythonBaseline) {
                baseline = PythonBaseline.run(python == null ? PythonBaseline.defaultPython() : python,
                        baselineScript, input, vision.detector(), vision.expressions(), work, warmUp, 900);
                javaAgreement = Agreement.of(baseline.frames(),
                        Agreement.javaFaces(input, maxSide, detector, classifier, faceApi, mesh));
            }
        }
        VisionBenchmark.Result visionStage = visionStage(clip, 1);
        VisionBenchmark.Result visionBatched = visionBatch > 1 ? visionStage(clip, visionBatch) : null;
        PipelineBench.Offline offline = noPipeline ? null
                : PipelineBench.offline(input, settings, pipelineWarmUp, work, verbose);
        PipelineBench.Live live = noPipeline || noRealtime ? null
                : PipelineBench.live(input, settings, pipelineWarmUp, work, verbose);
        Agreement pipelineAgreement = baseline == null || offline == null ? null
                : Agreement.of(baseline.frames(), Agreement.pipelineFaces(offline.records()));
        BenchReport report = new BenchReport(LocalDate.now(), input, clip.decode().items(), clip.frameRate(),
                clip.info().analysisWidth(), clip.info().analysisHeight(), machine, MachineFacts.currentLoad(),
                warmUp, seconds, clip.decode(), clip.warmUpFrames(), models, visionStage, offline, live, baseline, javaAgreement,
                pipelineAgreement);
        System.out.print(report.render());
        if (visionBatched != null) {
            System.out.printf(Locale.ROOT, "vision stage without Kafka, micro-batches of %d frames: %.1f frames/s"
                    + " (%.2fx frame by frame)%n", visionBatch, visionBatched.framesPerSecond(),
                    visionBatched.framesPerSecond() / visionStage.framesPerSecond());
        }
        if (!noAppend) {
            try {
                BenchmarksFile.append(benchmarksFile, report, commandLine());
            } catch (IOException e) {
                throw new CliError("cannot append to " + benchmarksFile + ": " + e.getMessage(), ExitCodes.USAGE, e);
            }
            System.out.println("bench: appended a row to " + benchmarksFile);
        }
        return ExitCodes.OK;
    }

    /**
     * The vision stage's own path on the clip's sample frames, raw as ingest sends them to run's broker, in micro-batches
     * of {@code batchFrames}.
     */
    private VisionBenchmark.Result visionStage(ClipSample clip, int batchFrames) {
        List<VideoFrame> frames = new ArrayList<>();
        for (BufferedImage image : clip.frames()) {
            frames.add(new VideoFrame("bench", frames.size(), frames.size() * 40_000L, 0, 0, image.getWidth(),
                    image.getHeight(), image.getWidth(), image.getHeight(), false, ImageEncoding.RAW_BGR,
                    RawFrames.bgrBytes(image)));
        }
        Map<String, Object> stage = new java.util.HashMap<>(settings);
        stage.put(VisionConfig.BATCH_MAX_FRAMES, batchFrames);
        return VisionBenchmark.run(frames, stage, warmUp);
    }

    /**
     * The models to time, each wrapped with its inputs from the clip. A new model is one more {@code add} here
     * (a {@link FaceModelBench} for a model that takes a frame's face boxes).
     */
    List<ModelBench> modelBenches(ClipSample clip, BlazeFaceDetector detector, MiniXceptionClassifier classifier,
                                  FaceApiExpressionClassifier faceApi, FaceMeshLandmarker mesh, ExecutionDevice device) {
        List<ModelBench> benches = new ArrayList<>();
        benches.add(new BlazeFaceBench(detector, clip.frames()));
        FaceModelBench.Faces faces = faces(clip.frames(), detector);
        // the face models are closed by the caller, who also uses them for the agreement check
        benches.add(new FaceModelBench(classifier.modelId(), FaceModelBench.byBoxes(classifier::classifyBatch),
                classifier.provider(), null, faces, batch));
        benches.add(new FaceModelBench(faceApi.modelId(), FaceModelBench.byBoxes(faceApi::classifyBatch),
                faceApi.provider(), null, faces, batch));
        benches.add(new FaceModelBench(mesh.modelId(), (frame, found) -> mesh.landmarks(frame,
                found.stream().map(FaceMeshLandmarker::region).toList()), mesh.provider(), null, faces, batch));
        if (clip.audio().length > 0) {
            OnnxModel vad = ShippedModels.load("/" + AudioConfig.BUNDLED_VAD_RESOURCE,
                    f -> OnnxModel.load(f, AudioModels.VAD_CONTRACT, device, 1));
            benches.add(new SileroVadBench(vad, clip.audio(), batch, clip.frameRate()));
        }
        return benches;
    }

    private BenchReport.ModelResult measure(ModelBench bench) {
        try (bench) {
            Throughput one = Throughput.measure(() -> {
                bench.run(1);
                return 1;
            }, warmUp, seconds, 3);
            Throughput many = null;
            int n = Math.min(batch, bench.maxBatch());
            if (n > 1) {
                many = Throughput.measure(() -> {
                    bench.run(n);
                    return n;
                }, warmUp, seconds, 3);
            }
            return new BenchReport.ModelResult(bench.name(), bench.unit(), bench.provider(), bench.itemsPerFrame(),
                    one, n, many);
        }
    }

    /**
     * Faces BlazeFace finds in the sample frames; when there is none, a centred box with level eyes, so that the
     * face models still run.
     */
    static FaceModelBench.Faces faces(List<BufferedImage> frames, BlazeFaceDetector detector) {
        List<FaceModelBench.Face> faces = new ArrayList<>();
        for (BufferedImage frame : frames) {
            for (Detection d : detector.detect(frame)) {
                faces.add(new FaceModelBench.Face(frame, d));
            }
        }
        if (faces.isEmpty()) {
            BufferedImage frame = frames.get(0);
            double side = Math.min(frame.getWidth(), frame.getHeight()) / 3;
            double x = (frame.getWidth() - side) / 2;
            double y = (frame.getHeight() - side) / 2;
            double eyeY = y + side * 0.4;
            double[] keypoints = {x + side * 0.3, eyeY, x + side * 0.7, eyeY, x + side / 2, y + side * 0.6,
                    x + side / 2, y + side * 0.8, x, eyeY, x + side, eyeY};
            return new FaceModelBench.Faces(List.of(new FaceModelBench.Face(frame,
                    new Detection(x, y, side, side, 0, keypoints))), 0);
        }
        return new FaceModelBench.Faces(faces, faces.size() / (double) frames.size());
    }

    private void checkOptions() {
        if (batch < 1 || batch > 256) {
            throw new CliError("--batch must be between 1 and 256 (was " + batch + ")", ExitCodes.USAGE);
        }
        if (visionBatch < 1 || visionBatch > 256) {
            throw new CliError("--vision-batch must be between 1 and 256 (was " + visionBatch + ")", ExitCodes.USAGE);
        }
        if (warmUp < 0) {
            throw new CliError("--warmup must not be negative (was " + warmUp + ")", ExitCodes.USAGE);
        }
        if (!(seconds > 0) || seconds > 600) {
            throw new CliError("--seconds must be above 0 and at most 600 (was " + seconds + ")", ExitCodes.USAGE);
        }
        if (!(pipelineWarmUp >= 0) || pipelineWarmUp >= 0.9) {
            throw new CliError("--pipeline-warmup must be at least 0 and below 0.9 (was " + pipelineWarmUp + ")",
                    ExitCodes.USAGE);
        }
        if (maxSide < 0 || maxSide > 4096) {
            throw new CliError("--max-side must be between 0 and 4096 (was " + maxSide + ")", ExitCodes.USAGE);
        }
    }

    /** The command as typed, for the row: {@code bench --input clip.mp4 ...}. */
    private String commandLine() {
        List<String> args = spec == null ? List.of("--input", input) : spec.commandLine().getParseResult().originalArgs();
        return (args.isEmpty() || !args.get(0).equals("bench") ? "bench " : "") + String.join(" ", args);
    }
}
