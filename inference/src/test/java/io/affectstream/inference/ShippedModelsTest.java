package io.affectstream.inference;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShippedModelsTest {
    @Test
    void theLoaderSeesTheResourceAsAFileThatIsGoneAfterwards() throws Exception {
        AtomicReference<Path> seen = new AtomicReference<>();
        String text = ShippedModels.load("/io/affectstream/inference/shipped-test.txt", file -> {
            seen.set(file);
            try {
                return Files.readString(file).trim();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertEquals("a shipped file", text);
        assertTrue(seen.get().getFileName().toString().endsWith("shipped-test.txt"));
        assertFalse(Files.exists(seen.get()), "the temporary copy is removed once loaded");
    }

    @Test
    void aMissingResourceIsNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ShippedModels.load("/models/none/missing.onnx", f -> f));
        assertTrue(e.getMessage().contains("/models/none/missing.onnx"), e.getMessage());
    }
}
