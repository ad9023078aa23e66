package io.affectstream.scoring;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.affectstream.wire.serde.JsonSerde;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@link Scorer} found, as written to the result JSON. A metric that is undefined (0/0; see
 * docs/scoring.md) is null, and a warning says why; a section that was not scored is absent.
 *
 * @param affect          the affect output file scored
 * @param options         the options used, in words
 * @param valenceArousal  CCC of valence and arousal, or null
 * @param expressions     per-frame expression classification, or null
 * @param fileExpressions per-file expression classification, or null
 * @param actionUnits     AU detection, or null
 * @param warnings        undefined values, gaps and mismatches worth a look
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScoreReport(String affect, String options, ValenceArousal valenceArousal, ExpressionScore expressions,
                          ExpressionScore fileExpressions, AuScore actionUnits, List<String> warnings) {

    /**
     * How the labelled units (frames; files for per-file labels; frame-AU pairs for AUs) met the output.
     *
     * @param groundTruth            the ground-truth file
     * @param labelled               labelled units (unknown labels not counted)
     * @param scored                 units with a real prediction, scored
     * @param filled                 units without one, scored as neutral (missing policy {@code neutral})
     * @param missingStream          units of a file that matches no output stream
     * @param missingFrame           units whose frame is not in the output
     * @param missingFace            units whose frame has no face to score
     * @param missingValue           units whose face lacks the value (e.g. no valence, or not that AU)
     * @param unlabelledOutputFrames output frames of the matched streams without any label in this file
     * @param unmatchedFiles         ground-truth files that match no output stream
     */
    public record Coverage(String groundTruth, long labelled, long scored, long filled, long missingStream,
                           long missingFrame, long missingFace, long missingValue, long unlabelledOutputFrames,
                           List<String> unmatchedFiles) {
        public long missing() {
            return missingStream + missingFrame + missingFace + missingValue;
        }
    }

    /**
     * CCC of the two dimensions, and their mean (the Aff-Wild2 valence-arousal total).
     *
     * @param valence valence
     * @param arousal arousal
     * @param meanCcc {@code 0.5 (CCC_valence + CCC_arousal)}
     */
    public record ValenceArousal(Dimension valence, Dimension arousal, Double meanCcc) {
    }

    /**
     * One dimension's agreement.
     *
     * @param coverage       how the labels met the output
     * @param ccc            concordance correlation coefficient (population statistics)
     * @param truthMean      mean of the labels scored
     * @param predictionMean mean of the predictions scored
     * @param truthStd       population standard deviation of the labels
     * @param predictionStd  population standard deviation of the predictions
     */
    public record Dimension(Coverage coverage, Double ccc, Double truthMean, Double predictionMean, Double truthStd,
                            Double predictionStd) {
    }

    /**
     * Expression classification over the 7 classes.
     *
     * @param coverage      how the labels met the output
     * @param perFile       whether the labels are per file (one label per file) rather than per frame
     * @param accuracy      correct over scored
     * @param macroF1       mean F1 over the classes where it is defined
     * @param uar           mean diagonal of the row-normalised confusion matrix (unweighted average recall),
     *                      over the classes present in the truth
     * @param abawTotal     {@code 0.67 macroF1 + 0.33 accuracy} (Aff-Wild2 expression total)
     * @param classes       per class
     * @param labels        the class order of the matrices (codes)
     * @param confusion     counts, rows = truth, columns = prediction
     * @param rowNormalised rows divided by their sums; null entries for a class absent from the truth
     */
    public record ExpressionScore(Coverage coverage, boolean perFile, Double accuracy, Double macroF1, Double uar,
                                  Double abawTotal, List<ClassScore> classes, List<String> labels, long[][] confusion,
                                  Double[][] rowNormalised) {
    }

    /**
     * One expression class against the rest.
     *
     * @param label     canonical name
     * @param code      two-letter code
     * @param truth     units labelled with it
     * @param predicted units predicted as it
     * @param precision TP / (TP + FP), null when never predicted
     * @param recall    TP / (TP + FN), null when absent from the truth
     * @param f1        F1 (count form), null when neither present nor predicted
     */
    public record ClassScore(String label, String code, long truth, long predicted, Double precision, Double recall,
                             Double f1) {
    }

    /**
     * AU detection.
     *
     * @param coverage       how the labels met the output (units: frame-AU pairs)
     * @param source         the AU source scored, in words
     * @param aus            per AU
     * @param meanAccuracy   mean accuracy over the AUs where it is defined
     * @param stdAccuracy    population standard deviation of those accuracies
     * @param meanF05        mean F0.5 over the AUs where it is defined
     * @param meanF1         mean F1 over the AUs where it is defined
     * @param meanF2         mean F2 over the AUs where it is defined
     * @param stdF1          population standard deviation of those F1 values
     * @param emotionetFinal {@code 0.5 (meanAccuracy + meanF1)} (EmotioNet final score)
     * @param pooledAccuracy correct decisions over all scored frame-AU pairs (equals meanAccuracy when every AU
     *                       has the same number of scored frames)
     * @param abawTotal      {@code 0.5 meanF1 + 0.5 pooledAccuracy} (Aff-Wild2 AU total)
     * @param f1Undefined    AUs whose F1 is undefined (left out of the F means)
     */
    public record AuScore(Coverage coverage, String source, List<AuLine> aus, Double meanAccuracy, Double stdAccuracy,
                          Double meanF05, Double meanF1, Double meanF2, Double stdF1, Double emotionetFinal,
                          Double pooledAccuracy, Double abawTotal, List<Integer> f1Undefined) {
    }

    /**
     * One AU.
     *
     * @param au        AU number
     * @param threshold decision threshold used (activation >= threshold is present)
     * @param labelled  frames with a known label
     * @param scored    frames scored (real or filled predictions)
     * @param positives labelled present among the scored
     * @param tp        true positives
     * @param fp        false positives
     * @param tn        true negatives
     * @param fn        false negatives
     * @param accuracy  (TP + TN) / N
     * @param precision TP / (TP + FP), null when nothing was predicted present
     * @param recall    TP / (TP + FN), null when nothing is labelled present
     * @param f05       F0.5
     * @param f1        F1
     * @param f2        F2
     */
    public record AuLine(int au, double threshold, long labelled, long scored, long positives, long tp, long fp,
                         long tn, long fn, Double accuracy, Double precision, Double recall, Double f05, Double f1,
                         Double f2) {
    }

    /** Writes the report as indented JSON; undefined metrics are null. */
    public void writeJson(Path file) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, JsonSerde.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this) + "\n",
                StandardCharsets.UTF_8);
    }

    /** NaN as null, for JSON (which has no NaN) and for "undefined" in the table. */
    static Double defined(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
