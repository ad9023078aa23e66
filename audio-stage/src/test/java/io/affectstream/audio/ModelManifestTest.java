package io.affectstream.audio;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped Silero VAD is the file models/MANIFEST.md describes, in the repository and inside the jar. */
class ModelManifestTest {
    private static final Path MODELS = Path.of("..", "models");
    private static final String FILE = "silero-vad/silero_vad_v5.onnx";

    private static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static final Pattern ROW = Pattern.compile(
            "^\\|\\s*`([^`]+)`\\s*\\|.*?`([0-9a-f]{64})`.*?\\|\\s*([0-9,]+) B\\s*\\|", Pattern.MULTILINE);

    /** The manifest's table row for the file: its SHA-256 and size. */
    private static Matcher row() throws IOException {
        Matcher m = ROW.matcher(Files.readString(MODELS.resolve("MANIFEST.md")));
        while (m.find()) {
            if (m.group(1).equals(FILE)) {
                return m;
            }
        }
        throw new AssertionError("models/MANIFEST.md has no row for " + FILE);
    }

    @Test
    void theShippedSileroVadHasTheSha256AndSizeTheManifestRecords() throws Exception {
        Matcher row = row();
        Path file = MODELS.resolve(FILE);
        try (InputStream in = Files.newInputStream(file)) {
            assertEquals(row.group(2), sha256(in), "SHA-256 of " + file);
        }
        assertEquals(Long.parseLong(row.group(3).replace(",", "")), Files.size(file));
    }

    @Test
    void everyFileTheManifestListsIsThereWithItsRecordedDigest() throws Exception {
        Matcher m = ROW.matcher(Files.readString(MODELS.resolve("MANIFEST.md")));
        int rows = 0;
        while (m.find()) {
            Path file = MODELS.resolve(m.group(1));
            assertTrue(Files.isRegularFile(file), "models/MANIFEST.md lists " + m.group(1) + ", which is missing");
            try (InputStream in = Files.newInputStream(file)) {
                assertEquals(m.group(2), sha256(in), "SHA-256 of " + file);
            }
            assertEquals(Long.parseLong(m.group(3).replace(",", "")), Files.size(file), "size of " + file);
            rows++;
        }
        assertTrue(rows >= 1);
    }

    @Test
    void theJarCarriesTheSameFileAndTheManifest() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/" + AudioConfig.BUNDLED_VAD_RESOURCE)) {
            assertNotNull(in, "the build copies models/" + FILE + " onto the classpath");
            assertEquals(row().group(2), sha256(in));
        }
        assertNotNull(getClass().getResource("/models/MANIFEST.md"));
    }
}
