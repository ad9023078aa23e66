package io.affectstream.inference;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxModelMetadata;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * An ONNX model loaded into one ONNX Runtime session, checked against a {@link ModelContract}.
 *
 * <p><b>In:</b> a model file, the contract, an {@link ExecutionDevice} and an intra-op thread count.
 * {@link #load} fails fast with a {@link ModelLoadException} naming the file and the problem: missing or
 * unreadable file, not a valid ONNX model, a contract input/output missing, a wrong element type, an
 * incompatible shape, or an unavailable CUDA device.
 *
 * <p><b>Out:</b> {@link #run} takes {@link TensorInput}s by input name and returns the float outputs, by name,
 * as {@link TensorOutput}s (plain arrays). Input shapes are checked against the model before ONNX Runtime
 * is called.
 *
 * <p>One instance is safe to share between threads (ONNX Runtime sessions support concurrent
 * {@code run}); the {@link TensorInput}s are not, so each thread brings its own. Close the model when the
 * stage stops, and not while a run is in flight.
 */
public final class OnnxModel implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OnnxModel.class);

    private final Path path;
    private final OrtSession session;
    private final String provider;
    private final ExecutionDevice requestedDevice;
    private final int intraOpThreads;
    private final ModelContract contract;
    private final List<TensorSpec> inputs;
    private final List<TensorSpec> outputs;
    private final List<String> inputNames;
    private final List<String> outputNames;
    /** Per input: the merged contract/model shape that every run is checked against. */
    private final Map<String, TensorSpec> expectedInputs;
    /** Outputs {@link #run(Map)} fetches: every float output of the model, in model order. */
    private final Set<String> floatOutputs;
    private final ModelMetadata metadata;
    private final AtomicBoolean closed = new AtomicBoolean();

    private OnnxModel(Path path, OrtSession session, String provider, ExecutionDevice requestedDevice,
                      int intraOpThreads, ModelContract contract, List<TensorSpec> inputs,
                      List<TensorSpec> outputs, Map<String, TensorSpec> expectedInputs, ModelMetadata metadata) {
        this.path = path;
        this.session = session;
        this.provider = provider;
        this.requestedDevice = requestedDevice;
        this.intraOpThreads = intraOpThreads;
        this.contract = contract;
        this.inputs = inputs;
        this.outputs = outputs;
        this.inputNames = inputs.stream().map(TensorSpec::name).toList();
        this.outputNames = outputs.stream().map(TensorSpec::name).toList();
        this.expectedInputs = expectedInputs;
        this.floatOutputs = Collections.unmodifiableSet(outputs.stream()
                .filter(o -> o.type() == ElementType.FLOAT)
                .map(TensorSpec::name)
                .collect(Collectors.<String, Set<String>>toCollection(LinkedHashSet::new)));
        this.metadata = metadata;
    }

    /** Loads with {@link Inference#DEFAULT_INTRA_OP_THREADS} intra-op threads. */
    public static OnnxModel load(Path file, ModelContract contract, ExecutionDevice device) {
        return load(file, contract, device, Inference.DEFAULT_INTRA_OP_THREADS);
    }

    /** Loads on CUDA device 0 when CUDA is requested or chosen. */
    public static OnnxModel load(Path file, ModelContract contract, ExecutionDevice device, int intraOpThreads) {
        return load(file, contract, device, intraOpThreads, 0);
    }

    /**
     * Loads {@code file}, checks it against {@code contract} and opens it on {@code device}.
     *
     * @param file           the {@code .onnx} file
     * @param contract       what the caller expects of the model's inputs and outputs
     * @param device         where to run; see {@link ExecutionDevice}
     * @param intraOpThreads threads ONNX Runtime may use inside one operator, at least 1
     * @param cudaDeviceId   which GPU to use when running on CUDA
     * @return the loaded model; close it when done
     * @throws ModelLoadException naming the file and what was wrong
     */
    public static OnnxModel load(Path file, ModelContract contract, ExecutionDevice device,
                                 int intraOpThreads, int cudaDeviceId) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(device, "device");
        if (intraOpThreads < 1) {
            // 0 would mean "one per core" to ONNX Runtime, exactly the oversubscription we want to avoid
            throw new IllegalArgumentException("intraOpThreads must be at least 1, got " + intraOpThreads);
        }
        if (cudaDeviceId < 0) {
            throw new IllegalArgumentException("cudaDeviceId must be >= 0, got " + cudaDeviceId);
        }
        Path path = file.toAbsolutePath().normalize();
        checkFile(path);

        Opened opened = openSession(path, device, intraOpThreads, cudaDeviceId);
        OrtSession session = opened.session;
        try {
            List<TensorSpec> modelInputs = specs(session.getInputInfo());
            List<TensorSpec> modelOutputs = specs(session.getOutputInfo());
            Map<String, TensorSpec> expected = checkContract(path, contract, modelInputs, modelOutputs);
            ModelMetadata metadata = metadata(session.getMetadata());
            OnnxModel model = new OnnxModel(path, session, opened.provider, device, intraOpThreads, contract,
                    modelInputs, modelOutputs, expected, metadata);
            log.info("Loaded ONNX model {} on {} (requested {}, {} intra-op thread(s)); inputs {}; outputs {}",
                    path, opened.provider, device.configValue(), intraOpThreads, modelInputs, modelOutputs);
            return model;
        } catch (OrtException e) {
            closeQuietly(session);
            throw new ModelLoadException(path, "ONNX Runtime could not describe the model: " + oneLine(e), e);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    // ---------------------------------------------------------------------------------------------- load

    private static void checkFile(Path path) {
        if (!Files.exists(path)) {
            throw new ModelLoadException(path, "the file does not exist");
        }
        if (Files.isDirectory(path)) {
            throw new ModelLoadException(path, "it is a directory, not a model file");
        }
        if (!Files.isReadable(path)) {
            throw new ModelLoadException(path, "the file is not readable (check its permissions)");
        }
        try {
            if (Files.size(path) == 0) {
                // typical of an interrupted download; ORT's own message for this is cryptic
                throw new ModelLoadException(path, "the file is empty (0 bytes), not a valid ONNX model");
            }
        } catch (IOException e) {
            throw new ModelLoadException(path, "the file cannot be read: " + e.getMessage(), e);
        }
    }

    private record Opened(OrtSession session, String provider) {
    }

    private static Opened openSession(Path path, ExecutionDevice device, int threads, int cudaDeviceId) {
        if (device == ExecutionDevice.CPU) {
            return new Opened(openCpu(path, threads), Inference.CPU_PROVIDER);
        }
        OrtEnvironment env = Inference.environment();
        OrtException cudaError;
        try (OrtSession.SessionOptions options = baseOptions(path, threads)) {
            try {
                options.addCUDA(cudaDeviceId);
            } catch (OrtException e) {
                // The CPU-only artifact has no CUDA provider library; addCUDA says so before touching the model.
                String cudaProblem = "CUDA is not available in this ONNX Runtime build or on this machine ("
                        + oneLine(e) + "). The com.microsoft.onnxruntime:onnxruntime artifact is CPU-only; "
                        + "CUDA needs onnxruntime_gpu and a CUDA-capable GPU";
                if (device == ExecutionDevice.CUDA) {
                    throw new ModelLoadException(path, "CUDA was requested but " + cudaProblem
                            + ". Use device cpu or auto here.", e);
                }
                log.warn("Device auto: {}; running {} on {}", cudaProblem, path, Inference.CPU_PROVIDER);
                return new Opened(openCpu(path, threads), Inference.CPU_PROVIDER);
            }
            try {
                return new Opened(env.createSession(path.toString(), options), Inference.CUDA_PROVIDER);
            } catch (OrtException e) {
                cudaError = e;
            }
        }
        // The CUDA session failed: the GPU or its libraries, or the model itself? A CPU session tells;
        // if the model is broken, openCpu reports that instead of blaming CUDA.
        OrtSession cpu = openCpu(path, threads);
        String problem = "the CUDA execution provider could not start on CUDA device " + cudaDeviceId
                + " of this machine (" + oneLine(cudaError) + ")";
        if (device == ExecutionDevice.CUDA) {
            closeQuietly(cpu);
            throw new ModelLoadException(path, "CUDA was requested but " + problem
                    + ". Use device cpu or auto here.", cudaError);
        }
        log.warn("Device auto: {}; running {} on {}", problem, path, Inference.CPU_PROVIDER);
        return new Opened(cpu, Inference.CPU_PROVIDER);
    }

    private static OrtSession openCpu(Path path, int threads) {
        try (OrtSession.SessionOptions options = baseOptions(path, threads)) {
            return Inference.environment().createSession(path.toString(), options);
        } catch (OrtException e) {
            throw new ModelLoadException(path, "not a valid ONNX model that ONNX Runtime "
                    + Inference.ortVersion() + " can load: " + oneLine(e), e);
        }
    }

    private static OrtSession.SessionOptions baseOptions(Path path, int threads) {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            // Idle pool threads would otherwise busy-spin between runs and steal cores from other stages.
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            // ORT's graph-optimiser notes (e.g. unused initialisers in converted models) would go straight to
            // stderr and break the CLI's one-line output; real problems still surface as exceptions.
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            return options;
        } catch (OrtException e) {
            options.close();
            throw new ModelLoadException(path, "could not configure the ONNX Runtime session: " + oneLine(e), e);
        }
    }

    private static List<TensorSpec> specs(Map<String, NodeInfo> infos) {
        List<TensorSpec> specs = new ArrayList<>(infos.size());
        for (NodeInfo node : infos.values()) {
            ValueInfo info = node.getInfo();
            if (info instanceof TensorInfo t) {
                specs.add(new TensorSpec(node.getName(), ElementType.fromOrt(t.onnxType), t.getShape()));
            } else {
                // a sequence or map; no stage uses one, but the contract check must still be able to name it
                specs.add(new TensorSpec(node.getName(), ElementType.OTHER, new long[0]));
            }
        }
        return Collections.unmodifiableList(specs);
    }

    /** Returns the effective per-input specs (contract and model shapes merged), or throws listing every mismatch. */
    private static Map<String, TensorSpec> checkContract(Path path, ModelContract contract,
                                                         List<TensorSpec> modelInputs, List<TensorSpec> modelOutputs) {
        List<String> problems = new ArrayList<>();
        Map<String, TensorSpec> expected = new HashMap<>();
        Map<String, TensorSpec> inByName = byName(modelInputs);
        Map<String, TensorSpec> outByName = byName(modelOutputs);

        for (TensorSpec want : contract.inputs()) {
            TensorSpec have = inByName.get(want.name());
            if (have == null) {
                problems.add("expected input '" + want.name() + "' is missing; the model's inputs are "
                        + describe(modelInputs));
            } else if (compare("input", want, have, problems)) {
                expected.put(want.name(), new TensorSpec(want.name(), want.type(),
                        Shapes.merge(want.shapeRef(), have.shapeRef())));
            }
        }
        for (TensorSpec have : modelInputs) {
            if (contract.input(have.name()).isEmpty()) {
                problems.add("model input '" + have.describe() + "' is not declared in the contract, "
                        + "so it would never be fed");
            }
        }
        for (TensorSpec want : contract.outputs()) {
            TensorSpec have = outByName.get(want.name());
            if (have == null) {
                problems.add("expected output '" + want.name() + "' is missing; the model's outputs are "
                        + describe(modelOutputs));
            } else {
                compare("output", want, have, problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new ModelLoadException(path, "it does not match the contract: " + String.join("; ", problems));
        }
        return Map.copyOf(expected);
    }

    private static boolean compare(String kind, TensorSpec want, TensorSpec have, List<String> problems) {
        if (want.type() != have.type()) {
            problems.add(kind + " '" + want.name() + "' has element type " + have.type().onnxName()
                    + " but the contract expects " + want.type().onnxName());
            return false;
        }
        if (!Shapes.compatible(want.shapeRef(), have.shapeRef())) {
            problems.add(kind + " '" + want.name() + "' has shape " + Shapes.format(have.shapeRef())
                    + " but the contract expects " + Shapes.format(want.shapeRef())
                    + " (ranks and fixed dimensions must match; -1 matches any size)");
            return false;
        }
        return true;
    }

    private static Map<String, TensorSpec> byName(List<TensorSpec> specs) {
        Map<String, TensorSpec> map = new HashMap<>();
        specs.forEach(s -> map.put(s.name(), s));
        return map;
    }

    private static String describe(List<TensorSpec> specs) {
        return specs.stream().map(TensorSpec::describe).collect(Collectors.joining(", ", "[", "]"));
    }

    private static ModelMetadata metadata(OnnxModelMetadata m) {
        return new ModelMetadata(m.getProducerName(), m.getGraphName(), m.getGraphDescription(), m.getDomain(),
                m.getDescription(), m.getVersion(),
                Collections.unmodifiableMap(new TreeMap<>(m.getCustomMetadata())));
    }

    // ----------------------------------------------------------------------------------------------- run

    /**
     * Runs the model once and returns every float output of the model.
     *
     * @param inputs one input per model input, by name
     * @return outputs by name, in model order; unmodifiable
     * @throws IllegalArgumentException if an input is missing, unknown, of the wrong element type or shape
     * @throws InferenceException       if ONNX Runtime fails
     */
    public Map<String, TensorOutput> run(Map<String, ? extends TensorInput> inputs) {
        return run(inputs, floatOutputs);
    }

    /**
     * Runs the model once and returns only {@code requestedOutputs}, which must be float outputs of the model.
     * ONNX Runtime then skips work that only feeds other outputs.
     */
    public Map<String, TensorOutput> run(Map<String, ? extends TensorInput> inputs, Set<String> requestedOutputs) {
        if (closed.get()) {
            throw new IllegalStateException("ONNX model " + path + " is closed");
        }
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(requestedOutputs, "requestedOutputs");
        checkInputs(inputs);
        if (requestedOutputs != floatOutputs) {
            checkRequestedOutputs(requestedOutputs);
        }
        OrtEnvironment env = Inference.environment();
        try (InputTensors tensors = new InputTensors(inputs.size())) {
            for (Map.Entry<String, ? extends TensorInput> e : inputs.entrySet()) {
                tensors.map.put(e.getKey(), e.getValue().toOnnxTensor(env));
            }
            // closing the Result closes every output tensor it holds
            try (OrtSession.Result result = session.run(tensors.map, requestedOutputs)) {
                Map<String, TensorOutput> out = new LinkedHashMap<>(capacityFor(result.size()));
                for (Map.Entry<String, OnnxValue> e : result) {
                    out.put(e.getKey(), copyOut(e.getKey(), e.getValue()));
                }
                return Collections.unmodifiableMap(out);
            }
        } catch (OrtException e) {
            throw new InferenceException("ONNX model " + path + " failed to run: " + oneLine(e), e);
        }
    }

    private void checkInputs(Map<String, ? extends TensorInput> inputs) {
        for (Map.Entry<String, ? extends TensorInput> e : inputs.entrySet()) {
            String name = e.getKey();
            TensorSpec want = expectedInputs.get(name);
            if (want == null) {
                throw new IllegalArgumentException("ONNX model " + path + " has no input '" + name
                        + "'; its inputs are " + describe(inputs()));
            }
            TensorInput given = e.getValue();
            if (given == null) {
                throw new IllegalArgumentException("ONNX model " + path + ": input '" + name + "' is null");
            }
            if (given.elementType() != want.type()) {
                throw new IllegalArgumentException("ONNX model " + path + ": input '" + name + "' is "
                        + want.type().onnxName() + " but a " + given.elementType().onnxName() + " tensor was given");
            }
            if (!Shapes.compatible(want.shapeRef(), given.shapeRef())) {
                throw new IllegalArgumentException("ONNX model " + path + ": input '" + name + "' has shape "
                        + Shapes.format(given.shapeRef()) + " but the model expects " + Shapes.format(want.shapeRef())
                        + " (-1 = any size)");
            }
        }
        if (inputs.size() != expectedInputs.size()) {
            List<String> missing = inputNames.stream().filter(n -> !inputs.containsKey(n)).toList();
            throw new IllegalArgumentException("ONNX model " + path + ": missing input(s) " + missing
                    + "; the model needs " + inputNames);
        }
    }

    private void checkRequestedOutputs(Set<String> requested) {
        if (requested.isEmpty()) {
            throw new IllegalArgumentException("ONNX model " + path + ": no outputs requested");
        }
        for (String name : requested) {
            if (!floatOutputs.contains(name)) {
                throw new IllegalArgumentException("ONNX model " + path + ": '" + name
                        + "' is not a float output of the model; its float outputs are " + floatOutputs);
            }
        }
    }

    private TensorOutput copyOut(String name, OnnxValue value) {
        if (!(value instanceof OnnxTensor tensor) || tensor.getInfo().type != OnnxJavaType.FLOAT) {
            throw new IllegalStateException("ONNX model " + path + ": output '" + name
                    + "' is not a float tensor but " + value.getInfo());
        }
        long[] shape = tensor.getInfo().getShape();
        // getFloatBuffer copies native memory once into a heap buffer; its backing array is the result
        FloatBuffer fb = tensor.getFloatBuffer();
        float[] data;
        if (fb.hasArray() && fb.arrayOffset() == 0 && fb.array().length == fb.remaining()) {
            data = fb.array();
        } else {
            data = new float[fb.remaining()];
            fb.get(data);
        }
        return new TensorOutput(name, shape, data);
    }

    private static int capacityFor(int size) {
        return (int) (size / 0.75f) + 1;
    }

    /** Input tensors of one call; they only wrap the caller's direct buffers, closing frees ORT's handles. */
    private static final class InputTensors implements AutoCloseable {
        final Map<String, OnnxTensor> map;

        InputTensors(int size) {
            map = new HashMap<>(capacityFor(size));
        }

        @Override
        public void close() {
            for (OnnxTensor t : map.values()) {
                t.close();
            }
        }
    }

    // ------------------------------------------------------------------------------------------ accessors

    /** Absolute path of the loaded file. */
    public Path path() {
        return path;
    }

    /**
     * ONNX Runtime name of the execution provider actually running this model: {@code CPUExecutionProvider}
     * or {@code CUDAExecutionProvider}. Differs from the requested device when {@link ExecutionDevice#AUTO}
     * fell back to CPU; stages log it and export it as a metric tag.
     */
    public String provider() {
        return provider;
    }

    /** The device that was asked for at load time. */
    public ExecutionDevice requestedDevice() {
        return requestedDevice;
    }

    public int intraOpThreads() {
        return intraOpThreads;
    }

    public ModelContract contract() {
        return contract;
    }

    /** Inputs as the model declares them, in model order ({@code -1} = dynamic dimension). */
    public List<TensorSpec> inputs() {
        return inputs;
    }

    /** Outputs as the model declares them, in model order ({@code -1} = dynamic dimension). */
    public List<TensorSpec> outputs() {
        return outputs;
    }

    public List<String> inputNames() {
        return inputNames;
    }

    public List<String> outputNames() {
        return outputNames;
    }

    /** Everything from the model's metadata, including the custom {@code metadata_props} map. */
    public ModelMetadata metadata() {
        return metadata;
    }

    /** Custom metadata ({@code metadata_props}), sorted by key. */
    public Map<String, String> customMetadata() {
        return metadata.custom();
    }

    public String producerName() {
        return metadata.producerName();
    }

    public String graphName() {
        return metadata.graphName();
    }

    public long version() {
        return metadata.version();
    }

    /** Closes the session; idempotent. Must not be called while another thread is inside {@link #run}. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeQuietly(session);
        }
    }

    @Override
    public String toString() {
        return "OnnxModel{" + path + " on " + provider + ", inputs=" + inputs + ", outputs=" + outputs + "}";
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            log.warn("Closing ONNX Runtime session failed: {}", oneLine(e));
        }
    }

    /** ORT messages can span lines (stack-like context); exceptions here are read in one-line logs. */
    static String oneLine(Throwable e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return msg.replaceAll("\\s+", " ").trim();
    }
}
