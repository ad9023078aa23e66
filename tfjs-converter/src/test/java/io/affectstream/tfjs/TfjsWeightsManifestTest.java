package io.affectstream.tfjs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stand-alone TF.js weights manifests, written here byte by byte. */
class TfjsWeightsManifestTest {
    @TempDir
    Path dir;

    private static final String MANIFEST = """
            [{"paths": ["w.bin"], "weights": [
              {"name": "a/filters", "shape": [2, 2], "dtype": "float32",
               "quantization": {"dtype": "uint8", "scale": 0.5, "min": -1.0}},
              {"name": "a/bias", "shape": [2], "dtype": "float32"}
            ]}]
            """;

    private Path write(String json, byte[] bin) throws IOException {
        Files.write(dir.resolve("w.bin"), bin);
        return Files.writeString(dir.resolve("m-weights_manifest.json"), json);
    }

    private static byte[] shard(int extraBytes) {
        ByteBuffer b = ByteBuffer.allocate(4 + 2 * 4 + extraBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0).put((byte) 1).put((byte) 2).put((byte) 255); // uint8 codes
        b.putFloat(0.25f).putFloat(-3.5f);
        return b.array();
    }

    @Test
    void readsUint8QuantizedAndFloat32WeightsInManifestOrder() throws IOException {
        Map<String, TfjsTensor> w = TfjsWeightsManifest.read(write(MANIFEST, shard(0)));
        assertEquals(List.of("a/filters", "a/bias"), List.copyOf(w.keySet()));
        assertArrayEquals(new int[]{2, 2}, w.get("a/filters").shape());
        assertArrayEquals(new float[]{-1.0f, -0.5f, 0.0f, 126.5f}, w.get("a/filters").floats()); // q * 0.5 - 1
        assertArrayEquals(new float[]{0.25f, -3.5f}, w.get("a/bias").floats());
    }

    @Test
    void aShardLongerOrShorterThanTheManifestSaysIsAnError() throws IOException {
        Path manifest = write(MANIFEST, shard(4));
        IOException e = assertThrows(IOException.class, () -> TfjsWeightsManifest.read(manifest));
        assertTrue(e.getMessage().contains("4 bytes") && e.getMessage().contains(manifest.toString()), e.getMessage());

        Files.write(dir.resolve("w.bin"), new byte[6]);
        e = assertThrows(IOException.class, () -> TfjsWeightsManifest.read(manifest));
        assertTrue(e.getMessage().contains("a/bias"), e.getMessage());
    }

    @Test
    void aGraphModelJsonIsNotAWeightsManifest() throws IOException {
        Path notAManifest = write("{\"format\": \"graph-model\", \"weightsManifest\": []}", new byte[0]);
        IOException e = assertThrows(IOException.class, () -> TfjsWeightsManifest.read(notAManifest));
        assertTrue(e.getMessage().contains("not a TF.js weights manifest"), e.getMessage());
    }
}
