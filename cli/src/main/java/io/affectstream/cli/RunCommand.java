package io.affectstream.cli;

import io.affectstream.ingest.IngestApp;
import io.affectstream.ingest.IngestConfig;
import io.affectstream.ingest.IngestException;
import io.affectstream.ingest.IngestResult;
import io.affectstream.ingest.media.MediaInfo;
import io.affectstream.ingest.media.MediaSource;
import io.affectstream.wire.AffectFrame;
import io.affectstream.wire.AffectMessage;
import io.affectstream.wire.EndOfStream;
import io.affectstream.wire.ImageEncoding;
import io.affectstream.wire.Modality;
import io.affectstream.wire.serde.JsonSerde;
import io.affectstream.fusion.FusionConfig;
import io.affectstream.streams.StageConfig;
import io.affectstream.testkit.EmbeddedKafka;
import io.affectstream.streams.StageHttpServer;
import org.apache.kafka.clients.producer.ProducerConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.affectstream.inference.ModelLoadException;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the whole pipeline in this process: ingest, vision, audio and fusion stages through a Kafka",
                "broker (an embedded one unless --bootstrap-servers is given), and writes one JSON line per video",
                "frame, read back from the affect topic, to --out (stdout when absent). A summary goes to stderr."},
        footer = {"", "Examples:",
                "  java -jar affect.jar run --input clip.mp4 --out affect.jsonl",
                "  java -jar affect.jar run --input rtsp://camera.local/stream --bootstrap-servers kafka:9092",
                "", "Exit codes: 0 done, 1 unusable input, 2 bad options, 3 pipeline failure, 130 interrupted."})
final class RunCommand implements Callable<Integer> {
    @Mixin
    IngestOptions ingestOptions;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "JSON lines output (default: stdout).")
    Path out;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where the stages keep local state (default: a temporary directory, removed on exit).")
    Path stateDir;

    @Option(names = "--smoothing-window", paramLabel = "FRAMES", defaultValue = "5",
            description = "Median smoothing window per track, frames; 1 turns smoothing off (default: ${DEFAULT-VALUE}).")
    int smoothingWindow;

    @Option(names = "--smoothing", paramLabel = "causal|centred", defaultValue = "causal",
            description = "causal: past frames only (live); centred: past and future frames, for offline runs (default: ${DEFAULT-VALUE}).")
    String smoothingMode;

    @Option(names = "--audio-wait-ms", paramLabel = "MS",
            description = {"Longest a frame waits for its audio before going out with audio 'missing'",
                    "(default: 500 for live sources and --realtime, 10000 for files read as fast as possible)."})
    Long audioWaitMs;

    @Option(names = "--delivery", paramLabel = "exactly-once|low-latency",
            description = {"exactly-once: transactions, each stage's results visible downstream at its commit;",
                    "low-latency: at-least-once, records passed on as soon as they are made, repeats dropped by",
                    "fusion (default: low-latency for live sources, --realtime and the embedded broker;",
                    "exactly-once for a file against a cluster)."})
    String delivery;

    @Option(names = "--separate-stages",
            description = {"Run the vision, audio and fusion stages as three Kafka Streams applications linked by",
                    "their topics, as a cluster deployment does. By default they run as one application that hands",
                    "results from stage to stage inside each task: faster, and the per-modality topics stay empty."})
    boolean separateStages;

    @Option(names = "--no-warm-up",
            description = {"Live sources and --realtime: skip the short synthetic stream sent through the pipeline",
                    "before the first frame, so that a camera's first frames meet compiled code (about 2 s)."})
    boolean noWarmUp;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "-1",
            description = "Serve /metrics and /health/* on this port while running (0: any free port; default: off).")
    int httpPort;

    @Option(names = "--stall-timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "Give up when no record has come out for this long (default: ${DEFAULT-VALUE}).")
    int stallTimeoutSeconds;

    @Option(names = "--no-progress", description = "No progress bar (it is off anyway when stderr is not a terminal).")
    boolean noProgress;

    @Option(names = {"-v", "--verbose"}, description = "Log what the stages do, and show stack traces on errors.")
    boolean verbose;

    /** Frames a file's ingest may publish ahead of the last fused record: 10 s at 25 fps, ~230 MB raw at 640x480. */
    static final int MAX_LEAD_FRAMES = 250;

    private final PrintStream err = System.err;

    @Override
    public Integer call() throws Exception {
        AffectCli.configureLogging(verbose);
        if (stallTimeoutSeconds < 1) {
            throw new CliError("--stall-timeout must be at least 1 second", ExitCodes.USAGE);
        }
        if (delivery != null && !delivery.equals(StageConfig.EXACTLY_ONCE) && !delivery.equals(StageConfig.LOW_LATENCY)) {
            throw new CliError("--delivery must be exactly-once or low-latency (was '" + delivery + "')", ExitCodes.USAGE);
        }
        CompletableFuture<EmbeddedKafka> broker = LocalPipeline.startBroker(kafka);
        MediaSource source;
        try {
            source = ingestOptions.open();
        } catch (RuntimeException e) {
            LocalPipeline.abandon(broker);
            throw e;
        }
        boolean paced = source.info().kind().isLive() || ingestOptions.realtime;
        // Exactly-once pays where a stage can crash and resume against a broker that outlives it: a given cluster.
        // The embedded broker and its topics live and die with this process, so there it would buy nothing, and
        // records would wait for a commit at every hop.
        Map<String, Object> given = kafka.clientProperties();
        String profile = delivery != null ? delivery
                : given.containsKey(StageConfig.DELIVERY) ? given.get(StageConfig.DELIVERY).toString()
                : paced || broker != null ? StageConfig.LOW_LATENCY : StageConfig.EXACTLY_ONCE;
        PrometheusMeterRegistry registry = StageHttpServer.newRegistry();
        try (LocalPipeline pipeline = startPipeline(source, broker, registry, paced, profile, given);
             StageHttpServer http = httpPort < 0 ? null : StageHttpServer.start(httpPort, registry, pipeline::health)) {
            if (http != null) {
                err.println("affect: metrics on http://localhost:" + http.port() + "/metrics");
            }
            Map<String, Object> ingestProps = pipeline.clientProperties();
            if (pipeline.embedded()) {
                // the broker is in this process: a JPEG round trip would cost more CPU than the bytes it saves
                ingestProps.putIfAbsent(IngestConfig.FRAME_ENCODING, ImageEncoding.RAW_BGR.settingName());
            }
            if (paced) {
                ingestProps.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
            }
            IngestConfig config = ingestOptions.toConfig(ingestProps, paced);
            err.println("affect: delivery " + describe(profile, pipeline.embedded(), config.frameEncoding()));
            if (paced && !noWarmUp && source.info().hasVideo()) {
                PipelineWarmUp.Result warm = PipelineWarmUp.run(pipeline.clientProperties(), config,
                        source.info().analysisWidth(), source.info().analysisHeight(), source.info().hasAudio());
                err.printf(Locale.ROOT, "affect: pipeline warmed up with %d synthetic frames in %.1f s"
                        + " (--no-warm-up skips this)%n", warm.frames(), warm.seconds());
            }
            return runStream(source, pipeline, new IngestApp(config, registry), config.streamId());
        }
    }

    private static String describe(String profile, boolean embedded, ImageEncoding frameEncoding) {
        String how = profile.equals(StageConfig.LOW_LATENCY)
                ? "low-latency (at-least-once, records passed on at once; repeats dropped by fusion)"
                : "exactly-once (transactions; each stage's results visible at its commit)";
        return how + "; frames as " + frameEncoding.settingName()
                + (embedded ? " to the embedded broker" : "");
    }

    private LocalPipeline startPipeline(MediaSource source, CompletableFuture<EmbeddedKafka> broker,
                                        PrometheusMeterRegistry registry, boolean paced, String profile,
                                        Map<String, Object> given) throws InterruptedException {
        Map<String, Object> settings;
        try {
            settings = fusionSettings(paced);
        } catch (RuntimeException e) {
            source.close();
            LocalPipeline.abandon(broker);
            throw e;
        }
        settings.put(StageConfig.DELIVERY, profile);
        if (!paced && !given.containsKey(StageConfig.COMMIT_INTERVAL_MS)) {
            // A file read as fast as possible: nobody waits for a frame, and a commit (a transaction under
            // exactly-once) a second instead of ten costs less CPU (about 15 % of the run's on 2 cores).
            settings.put(StageConfig.COMMIT_INTERVAL_MS, 1000L);
        }
        if (!paced && !given.containsKey("producer.linger.ms")) {
            settings.put("producer.linger.ms", 5);   // fewer, fuller produce requests; nobody waits for a frame
        }
        try {
            return LocalPipeline.start(kafka, broker, stateDir, settings, registry, separateStages);
        } catch (RuntimeException | InterruptedException e) {
            source.close();
            if (e instanceof CliError) {
                throw e;
            }
            if (e instanceof ModelLoadException || e instanceof ConfigException) {
                // A setting or model file the user gave is wrong: their configuration, not a failing pipeline.
                throw new CliError(e.getMessage(), ExitCodes.USAGE, e);
            }
            throw new CliError("cannot start the pipeline: " + e.getMessage(), ExitCodes.PIPELINE_FAILED, e);
        }
    }

    /** Live, a frame should not wait long for audio; offline, completeness matters more than latency. */
    private Map<String, Object> fusionSettings(boolean paced) {
        long wait = audioWaitMs != null ? audioWaitMs : paced ? 500 : 10_000;
        Map<String, Object> settings = new java.util.HashMap<>();
        settings.put(FusionConfig.SMOOTHING_WINDOW, smoothingWindow);
        settings.put(FusionConfig.SMOOTHING_MODE, smoothingMode);
        settings.put(FusionConfig.AUDIO_MAX_WAIT_MS, wait);
        try {
            new FusionConfig(java.util.Map.of("bootstrap.servers", "check:9092", FusionConfig.SMOOTHING_WINDOW,
                    smoothingWindow, FusionConfig.SMOOTHING_MODE, smoothingMode, FusionConfig.AUDIO_MAX_WAIT_MS,
                    wait));
        } catch (org.apache.kafka.common.config.ConfigException e) {
            throw new CliError("bad smoothing or audio wait option: " + e.getMessage(), ExitCodes.USAGE, e);
        }
        return settings;
    }

    private int runStream(MediaSource source, LocalPipeline pipeline, IngestApp ingest, String streamId)
            throws Exception {
        MediaInfo info = source.info();
        JsonSerde<AffectMessage> json = new JsonSerde<>(AffectMessage.class);
        ProgressBar progress = new ProgressBar(err, info.lengthInFrames(),
                !noProgress && info.kind() == io.affectstream.ingest.media.SourceKind.FILE && Terminal.stderrIsTerminal());
        CountDownLatch finished = new CountDownLatch(1);
        Thread stopHook = new Thread(() -> {
            ingest.stop();
            try {
                finished.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "affect-run-stop");
        Runtime.getRuntime().addShutdownHook(stopHook);
        ExecutorService ingestThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "affect-ingest"));
        Summary summary = new Summary();
        AtomicLong fused = new AtomicLong();
        if (info.kind() == io.affectstream.ingest.media.SourceKind.FILE && !ingestOptions.realtime) {
            // decoding runs ten times ahead of the models: keep the frames waiting on the broker to a few seconds'
            // worth (a file's worth of raw frames would be gigabytes on its disk)
            ingest.lead(published -> {
                while (published - fused.get() >= MAX_LEAD_FRAMES) {
                    Thread.sleep(5);
                }
            });
        }
        try (AffectCollector collector = new AffectCollector(pipeline.clientProperties(), streamId);
             Writer writer = openOut()) {
            long startNanos = System.nanoTime();
            Future<IngestResult> ingestion = ingestThread.submit(() -> ingest.publish(source, streamId, s -> { }));
            long lastProgressNanos = System.nanoTime();
            EndOfStream end = null;
            while (end == null) {
                for (AffectMessage message : collector.poll(Duration.ofMillis(100))) {
                    lastProgressNanos = System.nanoTime();
                    if (message instanceof AffectFrame frame) {
                        writer.write(json.toJson(frame));
                        writer.write('\n');
                        summary.add(frame);
                        fused.set(summary.frames);
                    } else if (message instanceof EndOfStream e && e.modality() == Modality.VIDEO) {
                        end = e;
                    }
                }
                writer.flush();
                progress.update(summary.frames);
                checkHealth(pipeline, ingestion, lastProgressNanos);
            }
            progress.finish();
            summary.elapsedSeconds = (System.nanoTime() - startNanos) / 1e9;
            IngestResult result = ingestResult(ingestion);
            return report(info, result, end, summary, streamId);
        } finally {
            finished.countDown();
            ingestThread.shutdownNow();
            try {
                Runtime.getRuntime().removeShutdownHook(stopHook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
    }

    private void checkHealth(LocalPipeline pipeline, Future<IngestResult> ingestion, long lastProgressNanos)
            throws InterruptedException {
        Throwable failure = pipeline.failure();
        if (failure != null) {
            throw new CliError(failure.getMessage(), ExitCodes.PIPELINE_FAILED, failure);
        }
        if (ingestion.isDone()) {
            ingestResult(ingestion);
        }
        if (System.nanoTime() - lastProgressNanos > TimeUnit.SECONDS.toNanos(stallTimeoutSeconds)) {
            throw new CliError("no output from the pipeline for " + stallTimeoutSeconds
                    + " s; giving up (see --stall-timeout, --verbose)", ExitCodes.PIPELINE_FAILED);
        }
    }

    private static IngestResult ingestResult(Future<IngestResult> ingestion) throws InterruptedException {
        try {
            return ingestion.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IngestException) {
                throw new CliError(cause.getMessage(), ExitCodes.PIPELINE_FAILED, cause);
            }
            throw new CliError("ingest failed: " + cause, ExitCodes.PIPELINE_FAILED, cause);
        }
    }

    private int report(MediaInfo info, IngestResult result, EndOfStream end, Summary summary, String streamId) {
        if (summary.frames != end.count()) {
            err.println("affect: warning: " + end.count() + " frames were published but " + summary.frames
                    + " came out of the pipeline");
        }
        if (result.detail() != null) {
            err.println("affect: warning: " + result.detail());
        }
        err.println(summary.render(info, streamId, result, ingestOptions.realtime || info.kind().isLive()));
        if (result.frames() == 0 && result.samples() == 0) {
            err.println("affect: error: nothing could be decoded from '" + info.input() + "'");
            return ExitCodes.BAD_INPUT;
        }
        return end.reason() == io.affectstream.wire.EndReason.STOPPED && ingestOptions.maxFrames == 0
                ? ExitCodes.INTERRUPTED : ExitCodes.OK;
    }

    private Writer openOut() throws IOException {
        if (out == null) {
            return new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        }
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        return Files.newBufferedWriter(out, StandardCharsets.UTF_8);
    }

    /** What the run saw, for the closing lines on stderr. */
    static final class Summary {
        long frames;
        long faces;
        final Set<Long> tracks = new HashSet<>();
        final Map<String, Integer> visionStatus = new TreeMap<>();
        final Map<String, Integer> audioStatus = new TreeMap<>();
        final Map<String, Integer> expressionLabels = new TreeMap<>();
        long speechFrames;
        long audioAnalysedFrames;
        final LatencyStats endToEnd = new LatencyStats();
        final LatencyStats pipeline = new LatencyStats();
        double elapsedSeconds;

        void add(AffectFrame frame) {
            frames++;
            faces += frame.faces().size();
            frame.faces().stream().map(AffectFrame.AffectFace::trackId).forEach(tracks::add);
            visionStatus.merge(frame.vision().status().wireName(), 1, Integer::sum);
            for (AffectFrame.AffectFace face : frame.faces()) {
                if (face.expressions() != null) {
                    expressionLabels.merge(face.expressions().label().wireName(), 1, Integer::sum);
                }
            }
            if (frame.audio().speechProbability() != null) {
                audioAnalysedFrames++;
                if (frame.audio().speechProbability() >= 0.5) {
                    speechFrames++;
                }
            }
            audioStatus.merge(frame.audio().analysis().status().wireName(), 1, Integer::sum);
            endToEnd.add(frame.timing().endToEndMs());
            pipeline.add(frame.timing().pipelineMs());
        }

        String render(MediaInfo info, String streamId, IngestResult result, boolean paced) {
            double fps = elapsedSeconds > 0 ? frames / elapsedSeconds : 0;
            StringBuilder s = new StringBuilder();
            s.append(String.format(Locale.ROOT, "affect: %d frames of '%s' (stream %s) in %.1f s: %.1f frames/s%n",
                    frames, info.input(), streamId, elapsedSeconds, fps));
            s.append(String.format(Locale.ROOT, "affect: faces seen: %d in %d tracks; vision %s; audio %s%n",
                    faces, tracks.size(), visionStatus.isEmpty() ? "{no video}" : visionStatus, audioStatus.isEmpty()
                            ? (info.hasAudio() ? "{}" : "{absent}") : audioStatus));
            if (!expressionLabels.isEmpty()) {
                s.append("affect: expressions (top label per face and frame): ").append(expressionLabels)
                        .append(System.lineSeparator());
            }
            if (audioAnalysedFrames > 0) {
                s.append(String.format(Locale.ROOT, "affect: speech in %d of %d frames with analysed audio%n",
                        speechFrames, audioAnalysedFrames));
            }
            if (pipeline.count() == 0) {
                s.append("affect: latency: no video frames");
            } else {
                if (paced) {
                    s.append(String.format(Locale.ROOT, "affect: end-to-end latency (capture -> fused record): "
                            + "p50 %d ms, p99 %d ms%n", endToEnd.percentile(50), endToEnd.percentile(99)));
                }
                s.append(String.format(Locale.ROOT, "affect: pipeline latency (ingest -> fused record): "
                        + "p50 %d ms, p99 %d ms", pipeline.percentile(50), pipeline.percentile(99)));
                if (!paced) {
                    s.append(" (the file was read faster than real time, so capture -> fused is not a latency:"
                            + " use --realtime to measure it)");
                }
            }
            if (result.samples() > 0) {
                s.append(String.format(Locale.ROOT, "%naffect: audio: %.2f s at %d Hz",
                        result.samples() / (double) MediaSource.SAMPLE_RATE_HZ, MediaSource.SAMPLE_RATE_HZ));
            }
            return s.toString();
        }
    }
}
