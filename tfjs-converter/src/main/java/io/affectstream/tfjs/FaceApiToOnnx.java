package io.affectstream.tfjs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Command line: writes face-api's FaceExpressionNet as ONNX ({@link FaceApiExpressionNet}) from the TF.js weights
 * manifest of {@code npm pack @vladmandic/face-api@1.7.15}.
 *
 * <pre>
 * java -cp ... io.affectstream.tfjs.FaceApiToOnnx package/model/face_expression_model-weights_manifest.json \
 *     models/face-api/face_expression.onnx
 * </pre>
 *
 * The {@code .bin} shard is read from next to the manifest. The same files give the same bytes.
 */
public final class FaceApiToOnnx {
    private FaceApiToOnnx() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: FaceApiToOnnx <face_expression_model-weights_manifest.json> <out.onnx>");
            System.exit(2);
        }
        Path manifest = Path.of(args[0]);
        Path out = Path.of(args[1]);
        byte[] onnx = FaceApiExpressionNet.build(TfjsWeightsManifest.read(manifest));
        Files.write(out, onnx);
        System.err.println("faceapi-to-onnx: wrote " + out + " (" + onnx.length + " bytes) from " + manifest);
    }
}
