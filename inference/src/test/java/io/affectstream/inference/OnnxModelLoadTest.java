package io.affectstream.inference;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class OnnxModelLoadTest {
    @TempDir
    Path dir;

    private Path write(String name, io.affectstream.inference.onnx.OnnxGraphWriter.ModelBuilder model) throws IOException {
        return model.writeTo(dir.resolve(name));
    }

    private ModelLoadException loadFails(Path file, ModelContract contract) {
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> OnnxModel.load(file, contract, ExecutionDevice.CPU).close());
        assertTrue(e.getMessage().contains(file.toAbsolutePath().normalize().toString()),
                "message should name the file: " + e.getMessage());
        assertEquals(file.toAbsolutePath().normalize(), e.file());
        return e;
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
        }
    }

    @Test
    void aValidModelLoadsAndDescribesItsInputsAndOutputs() throws IOException {
        Path file = write("linear.onnx", TestModels.linear());
        try (OnnxModel model = OnnxModel.load(file, TestModels.linearContract(), ExecutionDevice.CPU)) {
            assertEquals(file.toAbsolutePath().normalize(), model.path());
            assertEquals(List.of("x"), model.inputNames());
            assertEquals(List.of("y"), model.outputNames());
            assertEquals("x float[-1, 3]", model.inputs().get(0).describe());
            assertEquals("y float[-1, 2]", model.outputs().get(0).describe());
            assertEquals(ExecutionDevice.CPU, model.requestedDevice());
            assertEquals(1, model.intraOpThreads());
        }
    }

    @Test
    void metadataWrittenIntoTheModelComesBack() throws IOException {
        Path file = write("meta.onnx", TestModels.linear()
                .producer("affect-trainer", "1")
                .modelVersion(7)
                .metadata("labels", "neutral,happy,sad")
                .metadata("sample_rate", "16000"));
        try (OnnxModel model = OnnxModel.load(file, TestModels.linearContract(), ExecutionDevice.CPU)) {
            assertEquals(Map.of("labels", "neutral,happy,sad", "sample_rate", "16000"), model.customMetadata());
            assertEquals("neutral,happy,sad", model.metadata().custom("labels").orElseThrow());
            assertTrue(model.metadata().custom("absent").isEmpty());
            assertEquals("affect-trainer", model.producerName());
            assertEquals("linear", model.graphName());
            assertEquals(7, model.version());
        }
    }

    @Test
    void theCpuDeviceReportsTheCpuExecutionProvider() throws IOException {
        Path file = write("linear.onnx", TestModels.linear());
        try (OnnxModel model = OnnxModel.load(file, TestModels.linearContract(), ExecutionDevice.CPU)) {
            assertEquals("CPUExecutionProvider", model.provider());
        }
    }

    @Test
    void autoOnACpuOnlyBuildFallsBackToCpuWithAWarning() throws IOException {
        assumeFalse(Inference.cudaInBuild(), "this ONNX Runtime build has CUDA; fallback is not exercised");
        Path file = write("linear.onnx", TestModels.linear());
        Logger logger = (Logger) LoggerFactory.getLogger(OnnxModel.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try (OnnxModel model = OnnxModel.load(file, TestModels.linearContract(), ExecutionDevice.AUTO)) {
            assertEquals(Inference.CPU_PROVIDER, model.provider());
            assertEquals(ExecutionDevice.AUTO, model.requestedDevice());
            assertTrue(appender.list.stream().anyMatch(ev -> ev.getLevel() == Level.WARN
                            && ev.getFormattedMessage().contains("CUDA")
                            && ev.getFormattedMessage().contains(Inference.CPU_PROVIDER)),
                    "expected a WARN about falling back to CPU, got " + appender.list);
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void cudaOnAMachineWithoutCudaFailsLoudlyInsteadOfFallingBack() throws IOException {
        assumeFalse(Inference.cudaInBuild(), "this ONNX Runtime build has CUDA");
        Path file = write("linear.onnx", TestModels.linear());
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> OnnxModel.load(file, TestModels.linearContract(), ExecutionDevice.CUDA).close());
        assertMentions(e, file.toString(), "CUDA was requested", "not available in this ONNX Runtime build");
    }

    @Test
    void theCpuBuildDoesNotClaimToHaveCuda() {
        assertTrue(Inference.availableProviders().contains(Inference.CPU_PROVIDER), Inference.availableProviders().toString());
        assertFalse(Inference.ortVersion().isBlank());
    }

    @Test
    void aMissingFileFailsNamingTheFile() {
        Path file = dir.resolve("nope.onnx");
        assertMentions(loadFails(file, TestModels.linearContract()), "does not exist");
    }

    @Test
    void aDirectoryIsNotMistakenForAModel() {
        assertMentions(loadFails(dir, TestModels.linearContract()), "is a directory");
    }

    @Test
    void anEmptyFileIsReportedAsEmpty() throws IOException {
        Path file = Files.createFile(dir.resolve("empty.onnx"));
        assertMentions(loadFails(file, TestModels.linearContract()), "empty");
    }

    @Test
    void anUnreadableFileFailsNamingTheFile() throws IOException {
        Path file = write("locked.onnx", TestModels.linear());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "running as a user (root?) who can read any file");
        assertMentions(loadFails(file, TestModels.linearContract()), "not readable");
    }

    @Test
    void aFileOfRandomBytesIsNotAValidModelAndOrtsReasonIsIncludedOnOneLine() throws IOException {
        byte[] junk = new byte[4096];
        new Random(42).nextBytes(junk);
        Path file = Files.write(dir.resolve("junk.onnx"), junk);
        ModelLoadException e = loadFails(file, TestModels.linearContract());
        assertMentions(e, "not a valid ONNX model", "ONNX Runtime");
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertTrue(e.getCause() != null, "ORT's exception is kept as the cause");
    }

    @Test
    void aModelWhoseInputIsNamedDifferentlyListsTheInputsItDoesHave() throws IOException {
        Path file = write("renamed.onnx", TestModels.linear("input", "N"));
        ModelLoadException e = loadFails(file, TestModels.linearContract());
        assertMentions(e, "expected input 'x' is missing", "the model's inputs are [input float[-1, 3]]",
                "model input 'input float[-1, 3]' is not declared in the contract");
    }

    @Test
    void aMissingOutputListsTheOutputsTheModelHas() throws IOException {
        Path file = write("linear.onnx", TestModels.linear());
        ModelContract contract = ModelContract.builder()
                .input("x", ElementType.FLOAT, -1, 3)
                .output("logits", ElementType.FLOAT, -1, 2)
                .build();
        assertMentions(loadFails(file, contract), "expected output 'logits' is missing", "[y float[-1, 2]]");
    }

    @Test
    void aWrongFixedDimensionIsReportedWithBothShapes() throws IOException {
        Path file = write("linear.onnx", TestModels.linear());
        ModelContract contract = ModelContract.builder().input("x", ElementType.FLOAT, -1, 4).build();
        assertMentions(loadFails(file, contract), "input 'x' has shape [-1, 3] but the contract expects [-1, 4]");
    }

    @Test
    void aFixedBatchInTheModelConflictsWithADifferentFixedBatchInTheContract() throws IOException {
        Path file = write("batch1.onnx", TestModels.linear("x", 1));
        ModelContract contract = ModelContract.builder().input("x", ElementType.FLOAT, 2, 3).build();
        assertMentions(loadFails(file, contract), "input 'x' has shape [1, 3] but the contract expects [2, 3]");
    }

    @Test
    void aWrongRankIsAnIncompatibleShape() throws IOException {
        Path file = write("linear.onnx", TestModels.linear());
        ModelContract contract = ModelContract.builder().input("x", ElementType.FLOAT, -1, 3, 1).build();
        assertMentions(loadFails(file, contract), "input 'x' has shape [-1, 3] but the contract expects [-1, 3, 1]");
    }

    @Test
    void aWrongElementTypeIsReportedWithBothTypes() throws IOException {
        Path file = write("linear.onnx", TestModels.linear());
        ModelContract contract = ModelContract.builder()
                .input("x", ElementType.FLOAT, -1, 3)
                .output("y", ElementType.INT64, -1, 2)
                .build();
        assertMentions(loadFails(file, contract), "output 'y' has element type float but the contract expects int64");
    }

    @Test
    void anInt64InputWhereTheContractSaysFloatIsAWrongElementType() throws IOException {
        Path file = write("sr.onnx", TestModels.scaleBySampleRate());
        ModelContract contract = ModelContract.builder()
                .input("x", ElementType.FLOAT, -1)
                .input("sr", ElementType.FLOAT)
                .build();
        assertMentions(loadFails(file, contract), "input 'sr' has element type int64 but the contract expects float");
    }

    @Test
    void aContractWithDynamicDimsAcceptsAModelWithFixedOnes() throws IOException {
        Path file = write("batch1.onnx", TestModels.linear("x", 1));
        ModelContract contract = ModelContract.builder().input("x", ElementType.FLOAT, -1, -1).build();
        try (OnnxModel model = OnnxModel.load(file, contract, ExecutionDevice.CPU)) {
            assertEquals("x float[1, 3]", model.inputs().get(0).describe());
        }
    }

    @Test
    void zeroIntraOpThreadsIsRejectedBecauseOrtWouldUseEveryCore() throws IOException {
        Path file = write("linear.onnx", TestModels.linear());
        assertThrows(IllegalArgumentException.class,
                () -> OnnxModel.load(file, TestModels.linearContract(), ExecutionDevice.CPU, 0));
    }
}
