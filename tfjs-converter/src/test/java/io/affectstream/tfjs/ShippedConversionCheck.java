package io.affectstream.tfjs;

import io.affectstream.inference.ExecutionDevice;
import io.affectstream.inference.ModelContract;
import io.affectstream.inference.OnnxModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What every shipped conversion must show: the committed {@code .onnx} is byte for byte what the converter makes of
 * the committed TF.js files with the model's preset. Subclasses add the comparison with the reference execution.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ShippedConversionCheck {
    private final String resource;
    private final Path committed;
    private final ModelContract contract;
    private final TfjsToOnnxConverter.Options preset;

    Path json;
    TfjsGraph graph;
    OnnxModel model;

    /**
     * @param resource  the TF.js model.json on the test classpath
     * @param committed the shipped ONNX file, relative to the module
     */
    ShippedConversionCheck(String resource, Path committed, ModelContract contract, TfjsToOnnxConverter.Options preset) {
        this.resource = resource;
        this.committed = committed;
        this.contract = contract;
        this.preset = preset;
    }

    @BeforeAll
    void load() throws IOException, URISyntaxException {
        json = Path.of(getClass().getResource(resource).toURI());
        graph = TfjsModelReader.read(json);
        model = OnnxModel.load(committed, contract, ExecutionDevice.CPU);
    }

    @AfterAll
    void close() {
        model.close();
    }

    @Test
    void committedOnnxIsByteIdenticalToAFreshConversion() throws IOException {
        byte[] fresh = TfjsToOnnxConverter.convert(graph, preset);
        byte[] onDisk = Files.readAllBytes(committed);
        assertEquals(onDisk.length, fresh.length, "size of " + committed + " vs a fresh conversion");
        assertArrayEquals(onDisk, fresh, committed + " is not what the converter makes of " + json
                + "; regenerate it as models/MANIFEST.md says");
    }
}
