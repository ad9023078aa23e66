package io.affectstream.inference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Function;

/**
 * Model files shipped inside the jar. ONNX Runtime loads a model from a file, so the classpath resource is
 * copied to a temporary file, loaded, and the file deleted again: the session holds the model by then.
 */
public final class ShippedModels {
    private ShippedModels() {
    }

    /**
     * Loads the classpath resource {@code resource} (an absolute path such as {@code /models/blazeface/x.onnx})
     * with {@code loader}, which gets a temporary file holding it.
     *
     * @throws IllegalStateException when the resource is not on the classpath
     */
    public static <T> T load(String resource, Function<Path, T> loader) {
        try (InputStream in = ShippedModels.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the shipped model " + resource + " is not on the classpath");
            }
            String name = resource.substring(resource.lastIndexOf('/') + 1);
            Path file = Files.createTempFile("affect-", "-" + name);
            try {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                return loader.apply(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the shipped model " + resource + ": " + e.getMessage(), e);
        }
    }
}
