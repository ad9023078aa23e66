package io.affectstream.vision.sequence;

import java.io.IOException;
import java.nio.file.Path;

/** Writes {@link TinyVisionGru} for tests outside this package. */
public final class TinyVisionGruFiles {
    private TinyVisionGruFiles() {
    }

    public static Path write(Path file) throws IOException {
        return TinyVisionGru.write(file, 42);
    }
}
