package io.affectstream.scoring;

import io.affectstream.scoring.GroundTruth.AuRow;
import io.affectstream.scoring.GroundTruth.AuTruth;
import io.affectstream.scoring.GroundTruth.ExpressionRow;
import io.affectstream.scoring.GroundTruth.ExpressionTruth;
import io.affectstream.scoring.GroundTruth.VaRow;
import io.affectstream.scoring.ScoreReport.AuLine;
import io.affectstream.scoring.ScoreReport.AuScore;
import io.affectstream.scoring.ScoreReport.ClassScore;
import io.affectstream.scoring.ScoreReport.Coverage;
import io.affectstream.scoring.ScoreReport.Dimension;
import io.affectstream.scoring.ScoreReport.ExpressionScore;
import io.affectstream.scoring.ScoreReport.ValenceArousal;
import io.affectstream.wire.AffectFrame;
import io.affectstream.wire.AffectFrame.AffectFace;
import io.affectstream.wire.Expression;
import io.affectstream.wire.Expressions;
import io.affectstream.wire.Source;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

import static io.affectstream.scoring.ScoreReport.defined;

/**
 * Scores an {@link AffectOutput} against ground truth with the metrics of affect-spec §6: CCC for valence and
 * arousal; accuracy, macro F1, unweighted average recall and the Aff-Wild2 total for expressions; per-AU
 * accuracy and F0.5/F1/F2 with their means, standard deviations, the EmotioNet final score and the Aff-Wild2
 * total for AUs. Ground-truth files are matched to output streams by {@link StreamMatcher}'s rules, frames by
 * index; gaps are counted and treated as {@link ScoringOptions#missing()} says. Warnings accumulate in
 * {@link #warnings()}. Every formula and convention is in docs/scoring.md.
 */
public final class Scorer {
    private static final List<String> CODES = Arrays.stream(Expression.values()).map(Expression::code).toList();

    private final AffectOutput output;
    private final ScoringOptions options;
    private final Predictions predictions;
    private final StreamMatcher matcher;
    private final List<String> warnings = new ArrayList<>();
    /** So that scoring and threshold selection on the same labels count (and warn about) their gaps once. */
    private final Map<AuTruth, Collected> pairedTruths = new java.util.IdentityHashMap<>();

    public Scorer(AffectOutput output, ScoringOptions options) {
        this.output = output;
        this.options = options;
        this.predictions = new Predictions(options);
        this.matcher = new StreamMatcher(output.streams().keySet());
    }

    /** Warnings so far: undefined values, gaps and mismatches. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** The whole report for whichever ground truths are given (null ones are not scored). */
    public ScoreReport score(List<VaRow> va, Path vaSource, ExpressionTruth expressions, AuTruth aus) {
        ValenceArousal vaScore = va == null ? null : scoreValenceArousal(va, vaSource);
        ExpressionScore expressionScore = expressions == null ? null : scoreExpressions(expressions);
        AuScore auScore = aus == null ? null : scoreActionUnits(aus);
        boolean perFile = expressionScore != null && expressionScore.perFile();
        return new ScoreReport(output.source().toString(), describe(options), vaScore,
                perFile ? null : expressionScore, perFile ? expressionScore : null, auScore, warnings());
    }

    /** CCC of valence and of arousal; labels unknown in one dimension are left out of that one only. */
    public ValenceArousal scoreValenceArousal(List<VaRow> rows, Path source) {
        Dimension valence = dimension(rows, source, "valence", VaRow::valence, predictions::valence);
        Dimension arousal = dimension(rows, source, "arousal", VaRow::arousal, predictions::arousal);
        double mean = valence.ccc() == null || arousal.ccc() == null ? Double.NaN
                : 0.5 * (valence.ccc() + arousal.ccc());
        return new ValenceArousal(valence, arousal, defined(mean));
    }

    private Dimension dimension(List<VaRow> rows, Path source, String name,
                                java.util.function.ToDoubleFunction<VaRow> label,
                                BiFunction<AffectFrame, AffectFace, Double> value) {
        Tally tally = new Tally(source, name);
        List<double[]> pairs = new ArrayList<>();
        for (VaRow row : rows) {
            double truth = label.applyAsDouble(row);
            if (Double.isNaN(truth)) {
                continue;
            }
            Double predicted = predict(tally, row.file(), row.frame(), predictions.vaNeedsFace(), value, 0.0);
            if (predicted != null) {
                pairs.add(new double[] {truth, predicted});
            }
        }
        Coverage coverage = tally.finish();
        double[] truth = pairs.stream().mapToDouble(p -> p[0]).toArray();
        double[] predicted = pairs.stream().mapToDouble(p -> p[1]).toArray();
        double ccc = Metrics.ccc(truth, predicted);
        if (Double.isNaN(ccc)) {
            warnings.add(name + " CCC is undefined: labels and predictions are both constant and equal (0/0)");
        }
        return new Dimension(coverage, defined(ccc), defined(Metrics.mean(truth)), defined(Metrics.mean(predicted)),
                defined(Metrics.populationStd(truth)), defined(Metrics.populationStd(predicted)));
    }

    /** Per-frame or per-file expression classification, as the truth is. */
    public ExpressionScore scoreExpressions(ExpressionTruth truth) {
        ConfusionMatrix matrix = new ConfusionMatrix(CODES);
        Tally tally = new Tally(truth.source(), truth.perFile() ? "expressions per file" : "expressions");
        for (ExpressionRow row : truth.rows()) {
            Expression predicted = truth.perFile() ? predictFile(tally, row.file())
                    : predict(tally, row.file(), row.frame(), true,
                            (frame, face) -> face.expressions() == null ? null : face.expressions().label(),
                            Expression.NEUTRAL);
            if (predicted != null) {
                matrix.add(row.expression().ordinal(), predicted.ordinal());
            }
        }
        Coverage coverage = tally.finish();
        List<ClassScore> classes = new ArrayList<>();
        for (Expression e : Expression.values()) {
            BinaryCounts c = matrix.classCounts(e.ordinal());
            classes.add(new ClassScore(e.wireName(), e.code(), c.positives(), c.tp() + c.fp(), defined(c.precision()),
                    defined(c.recall()), defined(c.f1())));
            if (c.tp() + c.fp() + c.fn() == 0) {
                warnings.add(tally.what + ": class " + e.wireName()
                        + " is neither labelled nor predicted: its F1 is undefined and left out of macro F1");
            } else if (c.positives() == 0) {
                warnings.add(tally.what + ": class " + e.wireName()
                        + " is not labelled: its recall is undefined and left out of the UAR");
            }
        }
        double macroF1 = matrix.macroF1();
        double accuracy = matrix.accuracy();
        double[][] normalised = matrix.rowNormalised();
        Double[][] rowNormalised = Arrays.stream(normalised)
                .map(r -> Arrays.stream(r).mapToObj(ScoreReport::defined).toArray(Double[]::new)).toArray(Double[][]::new);
        return new ExpressionScore(coverage, truth.perFile(), defined(accuracy), defined(macroF1),
                defined(matrix.unweightedAverageRecall()), defined(0.67 * macroF1 + 0.33 * accuracy), classes, CODES,
                matrix.counts(), rowNormalised);
    }

    /** Predicted label of a whole file: argmax of the mean per-frame probabilities of its scored faces. */
    private Expression predictFile(Tally tally, String file) {
        tally.labelled++;
        Optional<String> stream = matcher.match(file);
        if (stream.isEmpty()) {
            return tally.gap(Gap.STREAM, file, -1, Expression.NEUTRAL);
        }
        tally.matched(stream.get());
        Expression label = fileLabel(output.streams().get(stream.get()), predictions);
        if (label == null) {
            return tally.gap(Gap.FACE, file, -1, Expression.NEUTRAL);
        }
        tally.scored++;
        return label;
    }

    /** Argmax (first in canonical order on a tie) of the mean expression probabilities; null without any. */
    static Expression fileLabel(NavigableMap<Long, AffectFrame> frames, Predictions predictions) {
        double[] sum = new double[Expression.values().length];
        long n = 0;
        for (AffectFrame frame : frames.values()) {
            Optional<AffectFace> face = predictions.face(frame);
            Expressions e = face.map(AffectFace::expressions).orElse(null);
            if (e != null) {
                double[] v = e.vector();
                for (int i = 0; i < v.length; i++) {
                    sum[i] += v[i];
                }
                n++;
            }
        }
        if (n == 0) {
            return null;
        }
        int best = 0;
        for (int i = 1; i < sum.length; i++) {
            if (sum[i] > sum[best]) {
                best = i;
            }
        }
        return Expression.values()[best];
    }

    /** Per-AU activations and labels of the frames that have both (or a neutral fill), for scoring or selection. */
    public Map<Integer, AuPairs> auPairs(AuTruth truth) {
        return collectAuPairs(truth).pairs;
    }

    /** Per-AU counts at the thresholds of the options, their means and the challenge totals. */
    public AuScore scoreActionUnits(AuTruth truth) {
        Collected collected = collectAuPairs(truth);
        List<AuLine> lines = new ArrayList<>();
        List<Integer> f1Undefined = new ArrayList<>();
        long correct = 0;
        long decisions = 0;
        for (int au : truth.aus()) {
            AuPairs pairs = collected.pairs.get(au);
            double threshold = predictions.threshold(au);
            BinaryCounts c = pairs.counts(threshold);
            correct += c.tp() + c.tn();
            decisions += c.total();
            lines.add(new AuLine(au, threshold, collected.labelled.get(au), c.total(), c.positives(), c.tp(), c.fp(),
                    c.tn(), c.fn(), defined(c.accuracy()), defined(c.precision()), defined(c.recall()),
                    defined(c.fBeta(0.5)), defined(c.f1()), defined(c.fBeta(2))));
            if (c.total() == 0) {
                warnings.add("AU" + au + ": no frame scored (" + (collected.labelled.get(au) == 0 ? "no known label"
                        : "no prediction for it") + "); left out of every mean");
            } else if (Double.isNaN(c.f1())) {
                f1Undefined.add(au);
                warnings.add("AU" + au + ": no positive label and none predicted: F-scores undefined (0/0), left out"
                        + " of the F means; its accuracy counts");
            } else if (c.positives() == 0) {
                warnings.add("AU" + au + ": no positive label: recall undefined, F-scores 0 from the false alarms");
            }
        }
        double[] acc = Metrics.defined(lines.stream().mapToDouble(l -> nan(l.accuracy())).toArray());
        double[] f1 = Metrics.defined(lines.stream().mapToDouble(l -> nan(l.f1())).toArray());
        double meanAcc = Metrics.mean(acc);
        double meanF1 = Metrics.mean(f1);
        double pooled = Metrics.ratio(correct, decisions);
        return new AuScore(collected.coverage, options.auSource() == null
                ? "first present of " + ScoringOptions.AU_SOURCES.stream().map(Source::wireName).toList()
                : options.auSource().wireName(), lines,
                defined(meanAcc), defined(Metrics.populationStd(acc)),
                defined(Metrics.mean(Metrics.defined(lines.stream().mapToDouble(l -> nan(l.f05())).toArray()))),
                defined(meanF1),
                defined(Metrics.mean(Metrics.defined(lines.stream().mapToDouble(l -> nan(l.f2())).toArray()))),
                defined(Metrics.populationStd(f1)), defined(0.5 * (meanAcc + meanF1)), defined(pooled),
                defined(0.5 * meanF1 + 0.5 * pooled), f1Undefined);
    }

    /** Selects per-AU thresholds on these labels (a validation set) with the given criterion. */
    public AuThresholds selectThresholds(AuTruth truth, ThresholdSelector.Criterion criterion) {
        return ThresholdSelector.select(auPairs(truth).values(), criterion, warnings);
    }

    private record Collected(Map<Integer, AuPairs> pairs, Map<Integer, Long> labelled, Coverage coverage) {
    }

    private Collected collectAuPairs(AuTruth truth) {
        return pairedTruths.computeIfAbsent(truth, this::pair);
    }

    private Collected pair(AuTruth truth) {
        Tally tally = new Tally(truth.source(), "AUs");
        Map<Integer, List<double[]>> raw = new LinkedHashMap<>();
        Map<Integer, Long> labelled = new LinkedHashMap<>();
        truth.aus().forEach(au -> {
            raw.put(au, new ArrayList<>());
            labelled.put(au, 0L);
        });
        for (AuRow row : truth.rows()) {
            for (int i = 0; i < truth.aus().size(); i++) {
                int label = row.labels()[i];
                if (label < 0) {
                    continue;
                }
                int au = truth.aus().get(i);
                labelled.merge(au, 1L, Long::sum);
                Double activation = predict(tally, row.file(), row.frame(), true,
                        (frame, face) -> predictions.auActivation(face, au), 0.0);
                if (activation != null) {
                    raw.get(au).add(new double[] {label, activation});
                }
            }
        }
        Coverage coverage = tally.finish();
        Map<Integer, AuPairs> pairs = new LinkedHashMap<>();
        raw.forEach((au, list) -> pairs.put(au, AuPairs.of(au, list)));
        return new Collected(pairs, labelled, coverage);
    }

    private static double nan(Double value) {
        return value == null ? Double.NaN : value;
    }

    /** Why a labelled unit has no prediction. */
    private enum Gap {
        STREAM("its file matches no output stream"), FRAME("the frame is not in the output"),
        FACE("no face to score in the frame"), VALUE("the face lacks the value");

        final String reason;

        Gap(String reason) {
            this.reason = reason;
        }
    }

    /**
     * The prediction for one labelled unit: the value when the frame, face and value are there; otherwise the
     * gap is counted and the missing policy decides (null to skip, the neutral fill, or an error).
     */
    private <T> T predict(Tally tally, String file, long frameIndex, boolean needsFace,
                          BiFunction<AffectFrame, AffectFace, T> value, T neutral) {
        tally.labelled++;
        Optional<String> stream = matcher.match(file);
        if (stream.isEmpty()) {
            return tally.gap(Gap.STREAM, file, frameIndex, neutral);
        }
        tally.matched(stream.get());
        tally.labelledFrame(stream.get(), frameIndex);
        AffectFrame frame = output.streams().get(stream.get()).get(frameIndex);
        if (frame == null) {
            return tally.gap(Gap.FRAME, file, frameIndex, neutral);
        }
        AffectFace face = predictions.face(frame).orElse(null);
        if (needsFace && face == null) {
            return tally.gap(Gap.FACE, file, frameIndex, neutral);
        }
        T v = value.apply(frame, face);
        if (v == null) {
            return tally.gap(Gap.VALUE, file, frameIndex, neutral);
        }
        tally.scored++;
        return v;
    }

    /** Counts how one ground-truth file's units met the output. */
    private final class Tally {
        private final Path source;
        private final String what;
        private long labelled;
        private long scored;
        private long filled;
        private final long[] gaps = new long[Gap.values().length];
        private final Set<String> unmatched = new TreeSet<>();
        private final Map<String, Set<Long>> labelledFrames = new HashMap<>();
        private String firstGap;

        Tally(Path source, String what) {
            this.source = source;
            this.what = what;
        }

        void matched(String stream) {
            labelledFrames.computeIfAbsent(stream, s -> new HashSet<>());
        }

        void labelledFrame(String stream, long frame) {
            labelledFrames.get(stream).add(frame);
        }

        <T> T gap(Gap gap, String file, long frame, T neutral) {
            gaps[gap.ordinal()]++;
            if (gap == Gap.STREAM) {
                unmatched.add(file);
            }
            String where = "'" + file + "'" + (frame < 0 ? "" : " frame " + (frame + options.frameBase()));
            if (firstGap == null) {
                firstGap = where + ": " + gap.reason;
            }
            return switch (options.missing()) {
                case SKIP -> null;
                case NEUTRAL -> {
                    filled++;
                    yield neutral;
                }
                case FAIL -> throw new ScoringException(source + ": no prediction for " + where + " (" + gap.reason
                        + ") in " + output.source() + "; missing policy is 'fail'");
            };
        }

        Coverage finish() {
            if (labelled == 0) {
                throw new ScoringException(source + ": no known " + what + " label to score");
            }
            if (scored == 0) {
                throw new ScoringException("nothing to score for " + what + ": none of the " + labelled
                        + " labelled units of " + source + " has a prediction in " + output.source() + " (first: "
                        + firstGap + "; ground-truth files matching no stream: " + shortList(unmatched)
                        + "; output streams: " + shortList(output.streams().keySet()) + ")");
            }
            long unlabelled = 0;
            for (Map.Entry<String, Set<Long>> e : labelledFrames.entrySet()) {
                unlabelled += output.streams().get(e.getKey()).keySet().stream().filter(f -> !e.getValue().contains(f))
                        .count();
            }
            Coverage coverage = new Coverage(source.toString(), labelled, scored, filled, gaps[Gap.STREAM.ordinal()],
                    gaps[Gap.FRAME.ordinal()], gaps[Gap.FACE.ordinal()], gaps[Gap.VALUE.ordinal()],
                    labelledFrames.values().stream().allMatch(Set::isEmpty) ? 0 : unlabelled, List.copyOf(unmatched));
            if (coverage.missing() > 0) {
                warnings.add(what + ": " + coverage.missing() + " of " + labelled + " labelled units have no prediction ("
                        + (options.missing() == ScoringOptions.MissingPolicy.NEUTRAL ? "scored as neutral" : "left out")
                        + "); first: " + firstGap);
            }
            if (!unmatched.isEmpty()) {
                warnings.add(what + ": ground-truth files matching no output stream: " + shortList(unmatched));
            }
            if (coverage.unlabelledOutputFrames() > 0) {
                warnings.add(what + ": " + coverage.unlabelledOutputFrames()
                        + " output frames of the matched streams have no label (not scored)");
            }
            return coverage;
        }
    }

    private static String shortList(Set<String> names) {
        List<String> list = new ArrayList<>(names);
        return list.isEmpty() ? "none" : list.size() <= 5 ? String.join(", ", list)
                : String.join(", ", list.subList(0, 5)) + " and " + (list.size() - 5) + " more";
    }

    static String describe(ScoringOptions o) {
        return "face: " + (o.trackId() == null ? "largest box" : "track " + o.trackId())
                + "; valence/arousal: " + o.vaSource().name().toLowerCase(java.util.Locale.ROOT)
                + "; AU source: " + (o.auSource() == null ? "preferred" : o.auSource().wireName())
                + "; AU thresholds: " + o.thresholds().describe()
                + "; missing predictions: " + o.missing().name().toLowerCase(java.util.Locale.ROOT)
                + "; first frame number: " + o.frameBase();
    }
}
