package io.affectstream.scoring;

import io.affectstream.wire.AffectFrame;
import io.affectstream.wire.AffectFrame.AffectFace;
import io.affectstream.wire.ActionUnit;
import io.affectstream.wire.Expression;
import io.affectstream.wire.serde.JsonSerde;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeSet;

/**
 * The output in the challenges' submission forms.
 * <ul>
 *   <li>Per-file class dictionary (JSON): {@code {descriptor: label}} with labels An, Di, Fe, Ha, Ne, Sa, Su. The
 *       descriptor is the stream id (give {@code affect run --stream-id NAME} to make it the file's name); the
 *       label is the argmax of the mean per-frame expression probabilities of the scored face (first in canonical
 *       order on a tie). A stream with no such face in any frame is left out, with a warning.</li>
 *   <li>Per-frame CSV: {@code file,frame,valence,arousal,expression,AU...} for every output frame; the same
 *       columns as the ground-truth forms, so it can be scored as ground truth. {@code frame} is numbered from
 *       the options' first frame number; expression is the code; an AU is 1 when its activation reaches its
 *       threshold, else 0; an empty cell means no prediction.</li>
 * </ul>
 */
public final class ChallengeExport {
    private final AffectOutput output;
    private final ScoringOptions options;
    private final Predictions predictions;

    public ChallengeExport(AffectOutput output, ScoringOptions options) {
        this.output = output;
        this.options = options;
        this.predictions = new Predictions(options);
    }

    /** Stream id → label code, in stream id order; streams without any expression are reported in warnings. */
    public Map<String, String> classDictionary(List<String> warnings) {
        Map<String, String> out = new LinkedHashMap<>();
        output.streams().forEach((stream, frames) -> {
            Expression label = Scorer.fileLabel(frames, predictions);
            if (label == null) {
                warnings.add("stream '" + stream + "' has no face with expressions in any frame: left out of the class dictionary");
            } else {
                out.put(stream, label.code());
            }
        });
        return out;
    }

    /** Writes {@link #classDictionary} as a JSON object. */
    public void writeClassDictionary(Path file, List<String> warnings) throws IOException {
        createParent(file);
        Files.writeString(file, JsonSerde.mapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(classDictionary(warnings)) + "\n", StandardCharsets.UTF_8);
    }

    /** Writes the per-frame CSV described in the class comment. */
    public void writeFrameCsv(Path file) throws IOException {
        TreeSet<Integer> aus = new TreeSet<>();
        for (NavigableMap<Long, AffectFrame> frames : output.streams().values()) {
            for (AffectFrame frame : frames.values()) {
                predictions.face(frame).ifPresent(face -> face.actionUnits().stream().map(ActionUnit::au)
                        .filter(au -> predictions.auActivation(face, au) != null).forEach(aus::add));
            }
        }
        createParent(file);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder("file,frame,valence,arousal,expression");
            aus.forEach(au -> header.append(",AU").append(au));
            out.write(header.append('\n').toString());
            for (Map.Entry<String, NavigableMap<Long, AffectFrame>> stream : output.streams().entrySet()) {
                for (AffectFrame frame : stream.getValue().values()) {
                    out.write(row(stream.getKey(), frame, aus));
                }
            }
        }
    }

    private String row(String stream, AffectFrame frame, TreeSet<Integer> aus) {
        AffectFace f = predictions.face(frame).orElse(null);
        StringBuilder line = new StringBuilder(quote(stream)).append(',')
                .append(frame.frameIndex() + options.frameBase()).append(',')
                .append(number(predictions.valence(frame, f))).append(',')
                .append(number(predictions.arousal(frame, f))).append(',')
                .append(f == null || f.expressions() == null ? "" : f.expressions().label().code());
        for (int au : aus) {
            Double activation = f == null ? null : predictions.auActivation(f, au);
            line.append(',').append(activation == null ? "" : activation >= predictions.threshold(au) ? "1" : "0");
        }
        return line.append('\n').toString();
    }

    private static String number(Double value) {
        return value == null ? "" : BigDecimal.valueOf(value).toPlainString();
    }

    private static String quote(String field) {
        return field.contains(",") || field.contains("\"") ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }

    private static void createParent(Path file) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
    }
}
