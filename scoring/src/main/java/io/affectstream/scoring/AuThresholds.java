package io.affectstream.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.affectstream.wire.serde.JsonSerde;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-AU decision thresholds: an AU is present when its activation is at least its threshold; AUs not listed use
 * {@link #DEFAULT}. The file (JSON) is what {@code affect score --select-thresholds} writes and what
 * {@code --thresholds} (and the vision stage) read:
 * <pre>{@code
 * {
 *   "format": "affect-au-thresholds", "version": 1,
 *   "rule": "present when activation >= threshold; AUs not listed: 0.5",
 *   "criterion": "f1",
 *   "thresholds": {"1": 0.42, "12": 0.61},
 *   "validation": {"1": {"threshold": 0.42, "frames": 812, "positives": 97, "f1": 0.71, "accuracy": 0.93,
 *                        "finalScore": 0.82}}
 * }
 * }</pre>
 * Only {@code thresholds} is required when reading: keys are AU numbers, values finite numbers.
 * {@code criterion} and {@code validation} record how the values were chosen.
 */
public final class AuThresholds {
    /** The threshold of an AU the file does not list. */
    public static final double DEFAULT = 0.5;
    private static final String FORMAT = "affect-au-thresholds";

    private final Map<Integer, Double> thresholds;
    private final String criterion;
    private final Map<Integer, Selection> selections;
    private final String origin;

    /**
     * How one AU's threshold was chosen on the validation set, and what it scored there.
     *
     * @param threshold  the chosen threshold
     * @param frames     validation frames scored for the AU
     * @param positives  of which labelled present
     * @param f1         F1 at the threshold
     * @param accuracy   accuracy at the threshold
     * @param finalScore {@code 0.5 (accuracy + F1)} at the threshold
     */
    public record Selection(double threshold, long frames, long positives, double f1, double accuracy,
                            double finalScore) {
    }

    private AuThresholds(Map<Integer, Double> thresholds, String criterion, Map<Integer, Selection> selections,
                         String origin) {
        this.thresholds = Collections.unmodifiableMap(new TreeMap<>(thresholds));
        this.criterion = criterion;
        this.selections = Collections.unmodifiableMap(new TreeMap<>(selections));
        this.origin = origin;
    }

    /** Given thresholds (AU number → threshold); AUs not listed use {@link #DEFAULT}. */
    public AuThresholds(Map<Integer, Double> thresholds) {
        this(checked(thresholds), null, Map.of(), "given");
    }

    /** Every AU at {@link #DEFAULT}. */
    public static AuThresholds defaults() {
        return new AuThresholds(Map.of(), null, Map.of(), DEFAULT + " for every AU");
    }

    static AuThresholds selected(String criterion, Map<Integer, Selection> selections) {
        Map<Integer, Double> thresholds = new TreeMap<>();
        selections.forEach((au, s) -> thresholds.put(au, s.threshold()));
        return new AuThresholds(thresholds, criterion, selections, "selected by " + criterion);
    }

    /** Reads a thresholds file; a missing, non-JSON or malformed one is an error naming the file and what is wrong. */
    public static AuThresholds load(Path file) {
        JsonNode root;
        try {
            root = JsonSerde.mapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new ScoringException("AU thresholds file " + file + ": no such file");
        } catch (JsonProcessingException e) {
            throw new ScoringException("AU thresholds file " + file + ": not valid JSON (" + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ")", e);
        } catch (IOException e) {
            throw new ScoringException("AU thresholds file " + file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new ScoringException("AU thresholds file " + file + ": expected a JSON object with \"thresholds\"");
        }
        if (root.has("format") && !FORMAT.equals(root.get("format").asText())) {
            throw new ScoringException("AU thresholds file " + file + ": format is '" + root.get("format").asText()
                    + "', expected '" + FORMAT + "'");
        }
        JsonNode node = root.get("thresholds");
        if (node == null || !node.isObject()) {
            throw new ScoringException("AU thresholds file " + file
                    + ": no \"thresholds\" object (e.g. {\"thresholds\": {\"12\": 0.4}})");
        }
        Map<Integer, Double> thresholds = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int au;
            try {
                au = Integer.parseInt(e.getKey().replaceFirst("^(?i)au", ""));
            } catch (NumberFormatException ex) {
                throw new ScoringException("AU thresholds file " + file + ": key '" + e.getKey() + "' is not an AU number");
            }
            if (au <= 0 || !e.getValue().isNumber() || !Double.isFinite(e.getValue().asDouble())) {
                throw new ScoringException("AU thresholds file " + file + ": \"" + e.getKey() + "\": " + e.getValue()
                        + " is not a positive AU number with a finite threshold");
            }
            if (thresholds.put(au, e.getValue().asDouble()) != null) {
                throw new ScoringException("AU thresholds file " + file + ": AU" + au + " is listed twice");
            }
        }
        String criterion = root.hasNonNull("criterion") ? root.get("criterion").asText() : null;
        return new AuThresholds(thresholds, criterion, Map.of(), file.toString());
    }

    /** The threshold of an AU: the listed one, else {@link #DEFAULT}. */
    public double threshold(int au) {
        return thresholds.getOrDefault(au, DEFAULT);
    }

    /** The listed thresholds, by AU number. */
    public Map<Integer, Double> thresholds() {
        return thresholds;
    }

    /** How each listed threshold was chosen (empty unless selected in this run). */
    public Map<Integer, Selection> selections() {
        return selections;
    }

    /** Writes the file described in the class comment. */
    public void write(Path file) throws IOException {
        ObjectMapper mapper = JsonSerde.mapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", 1);
        root.put("rule", "an AU is present when its activation >= its threshold; AUs not listed use " + DEFAULT);
        if (criterion != null) {
            root.put("criterion", criterion);
        }
        ObjectNode values = root.putObject("thresholds");
        thresholds.forEach((au, t) -> values.put(Integer.toString(au), t));
        if (!selections.isEmpty()) {
            ObjectNode validation = root.putObject("validation");
            selections.forEach((au, s) -> validation.set(Integer.toString(au), mapper.valueToTree(s)));
        }
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n",
                StandardCharsets.UTF_8);
    }

    String describe() {
        return thresholds.isEmpty() ? DEFAULT + " for every AU" : origin + " (" + thresholds.size()
                + " AUs; others " + DEFAULT + ")";
    }

    private static Map<Integer, Double> checked(Map<Integer, Double> thresholds) {
        thresholds.forEach((au, t) -> {
            if (au <= 0 || t == null || !Double.isFinite(t)) {
                throw new IllegalArgumentException("AU" + au + ": threshold must be finite, was " + t);
            }
        });
        return thresholds;
    }
}
