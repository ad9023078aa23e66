package io.affectstream.scoring;

import io.affectstream.scoring.ScoreReport.AuLine;
import io.affectstream.scoring.ScoreReport.AuScore;
import io.affectstream.scoring.ScoreReport.Coverage;
import io.affectstream.scoring.ScoreReport.ExpressionScore;
import io.affectstream.scoring.ScoreReport.ValenceArousal;
import io.affectstream.wire.AffectFrame;
import io.affectstream.wire.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.affectstream.scoring.Fixtures.face;
import static io.affectstream.scoring.Fixtures.frame;
import static io.affectstream.scoring.Fixtures.text;
import static io.affectstream.wire.Expression.HAPPINESS;
import static io.affectstream.wire.Expression.NEUTRAL;
import static io.affectstream.wire.Expression.SADNESS;
import static io.affectstream.wire.Expression.SURPRISE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scoring small fixture files end to end against figures worked out by hand (in the comments). */
class ScorerTest {
    private static final double EPS = 1e-9;
    /** The id {@code affect run --input videos/ClipA.mp4} would give (base name, lower case, 8 hex digits). */
    private static final String STREAM = "clipa-1a2b3c4d";

    @TempDir
    Path dir;

    /**
     * Frames 0, 1, 2, 3, 5 of one stream (frame 4 is missing, frame 2 has no face). Frame 0 has a small second
     * face that must not be scored. Valence/arousal: frame 0 fused (0, 0.5) with vision (0.1, 0.2); frame 1
     * vision only (1, 0.5); frame 3 fused (1, 0.5).
     */
    private AffectOutput vaOutput() throws Exception {
        return AffectOutput.read(Fixtures.jsonl(dir.resolve("va.jsonl"), List.of(
                frame(STREAM, 0, face(7, 20).va(0.9, 0.9).build(), face(1, 80).va(0.1, 0.2).fused(0.0, 0.5).build()),
                frame(STREAM, 1, face(1, 80).va(1.0, 0.5).build()),
                frame(STREAM, 2),
                frame(STREAM, 3, face(1, 80).va(0.3, 0.3).fused(1.0, 0.5).build()),
                frame(STREAM, 5, face(1, 80).va(0.0, 0.0).build()))));
    }

    private Path vaTruth() throws Exception {
        return text(dir.resolve("va.csv"),
                "file,frame,valence,arousal",
                "videos/ClipA.mp4,0,0,0.2",
                "videos/ClipA.mp4,1,0.5,0.4",
                "videos/ClipA.mp4,2,0.7,0.0",
                "videos/ClipA.mp4,3,1,",
                "videos/ClipA.mp4,4,0.2,-0.1",
                "other.mp4,0,0.1,0.1");
    }

    @Test
    void valenceAndArousalCccWithGapsCountedAndSkipped() throws Exception {
        Path csv = vaTruth();
        Scorer scorer = new Scorer(vaOutput(), ScoringOptions.defaults());
        ValenceArousal va = scorer.scoreValenceArousal(GroundTruth.readValenceArousal(csv, 0), csv);
        // valence scored on frames 0, 1, 3: truth [0, 0.5, 1] vs fused-else-vision [0, 1, 1] -> 0.8 (MetricsTest)
        assertEquals(0.8, va.valence().ccc(), EPS);
        // arousal: frame 3 unknown; frames 0, 1 scored with predictions 0.5, 0.5 (constant) -> 0
        assertEquals(0.0, va.arousal().ccc(), EPS);
        assertEquals(0.4, va.meanCcc(), EPS);
        // valence: 6 labelled; 3 scored; frame 2 no face; frame 4 not in the output; other.mp4 no stream;
        // output frame 5 carries no label
        assertEquals(new Coverage(csv.toString(), 6, 3, 0, 1, 1, 1, 0, 1, List.of("other.mp4")),
                va.valence().coverage());
        // arousal labels: frames 0, 1, 2, 4 and other.mp4; output frames 3 and 5 are unlabelled for it
        assertEquals(new Coverage(csv.toString(), 5, 2, 0, 1, 1, 1, 0, 2, List.of("other.mp4")),
                va.arousal().coverage());
        assertTrue(scorer.warnings().stream().anyMatch(w -> w.contains("other.mp4")), scorer.warnings().toString());
    }

    @Test
    void theVisionSourceIgnoresTheFusedValue() throws Exception {
        Path csv = vaTruth();
        ValenceArousal va = new Scorer(vaOutput(), ScoringOptions.defaults().withVaSource(ScoringOptions.VaSource.VISION))
                .scoreValenceArousal(GroundTruth.readValenceArousal(csv, 0), csv);
        // truth [0, 0.5, 1] vs vision [0.1, 1, 0.3]: means 0.5, 0.4667; s_x^2 = 1/6;
        // s_y^2 = (0.1344 + 0.2844 + 0.0278)/3 = 0.14889; s_xy = (0.18333 + 0 - 0.08333)/3 = 0.03333;
        // (0.5 - 0.46667)^2 = 0.00111 -> 0.06667 / 0.31667 = 0.21053
        double my = (0.1 + 1 + 0.3) / 3;
        double sxy = (-0.5 * (0.1 - my) + 0.5 * (0.3 - my)) / 3;
        double syy = ((0.1 - my) * (0.1 - my) + (1 - my) * (1 - my) + (0.3 - my) * (0.3 - my)) / 3;
        assertEquals(2 * sxy / (1.0 / 6 + syy + (0.5 - my) * (0.5 - my)), va.valence().ccc(), EPS);
        assertEquals(0.2105263, va.valence().ccc(), 1e-6);
    }

    @Test
    void theNeutralPolicyFillsGapsAndTheFailPolicyNamesTheFirst() throws Exception {
        Path csv = vaTruth();
        List<GroundTruth.VaRow> rows = GroundTruth.readValenceArousal(csv, 0);
        ValenceArousal filled = new Scorer(vaOutput(), ScoringOptions.defaults()
                .withMissing(ScoringOptions.MissingPolicy.NEUTRAL)).scoreValenceArousal(rows, csv);
        assertEquals(3, filled.valence().coverage().filled());
        // truth [0, 0.5, 0.7, 1, 0.2, 0.1] vs [0, 1, 0, 1, 0, 0], computed by the formula independently below
        double[] x = {0, 0.5, 0.7, 1, 0.2, 0.1};
        double[] y = {0, 1, 0, 1, 0, 0};
        assertEquals(independentCcc(x, y), filled.valence().ccc(), EPS);

        ScoringException e = assertThrows(ScoringException.class, () -> new Scorer(vaOutput(),
                ScoringOptions.defaults().withMissing(ScoringOptions.MissingPolicy.FAIL)).scoreValenceArousal(rows, csv));
        assertTrue(e.getMessage().contains("'videos/ClipA.mp4' frame 2") && e.getMessage().contains("no face"),
                e.getMessage());
    }

    /** rho_c = 2 r s_x s_y / (s_x^2 + s_y^2 + (mean_x - mean_y)^2), with Pearson's r from its own sums. */
    private static double independentCcc(double[] x, double[] y) {
        int n = x.length;
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (int i = 0; i < n; i++) {
            sx += x[i];
            sy += y[i];
            sxx += x[i] * x[i];
            syy += y[i] * y[i];
            sxy += x[i] * y[i];
        }
        double r = (n * sxy - sx * sy) / Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
        double vx = sxx / n - (sx / n) * (sx / n);
        double vy = syy / n - (sy / n) * (sy / n);
        return 2 * r * Math.sqrt(vx) * Math.sqrt(vy) / (vx + vy + (sx / n - sy / n) * (sx / n - sy / n));
    }

    @Test
    void expressionsPerFrameGiveAccuracyMacroF1UarAndTheAffWild2Total() throws Exception {
        // truth Ha Ha Ha Ne Ne Sa, predicted Ha Ha Ne Ne Ha Ne
        AffectOutput out = AffectOutput.read(Fixtures.jsonl(dir.resolve("e.jsonl"), List.of(
                frame("s", 0, face(1, 50).expressions(HAPPINESS, 0.7).build()),
                frame("s", 1, face(1, 50).expressions(HAPPINESS, 0.6).build()),
                frame("s", 2, face(1, 50).expressions(NEUTRAL, 0.5).build()),
                frame("s", 3, face(1, 50).expressions(NEUTRAL, 0.9).build()),
                frame("s", 4, face(1, 50).expressions(HAPPINESS, 0.5).build()),
                frame("s", 5, face(1, 50).expressions(NEUTRAL, 0.4).build()))));
        Path csv = text(dir.resolve("e.csv"), "file,frame,expression",
                "s,0,Ha", "s,1,happiness", "s,2,HA", "s,3,neutral", "s,4,Ne", "s,5,Sa", "s,6,-1");
        Scorer scorer = new Scorer(out, ScoringOptions.defaults());
        ExpressionScore e = scorer.scoreExpressions(GroundTruth.readExpressions(csv, 0));
        // accuracy 3/6; F1: Ha 4/(4+1+1) = 2/3, Ne 2/(2+1+2) = 0.4, Sa 0; other classes undefined
        // macro F1 = (2/3 + 0.4 + 0)/3 = 0.355556; recalls Ha 2/3, Ne 1/2, Sa 0 -> UAR 0.388889
        // Aff-Wild2 total = 0.67 * 0.355556 + 0.33 * 0.5 = 0.403222
        assertEquals(0.5, e.accuracy(), EPS);
        assertEquals((2.0 / 3 + 0.4) / 3, e.macroF1(), EPS);
        assertEquals((2.0 / 3 + 0.5) / 3, e.uar(), EPS);
        assertEquals(0.67 * (2.0 / 3 + 0.4) / 3 + 0.33 * 0.5, e.abawTotal(), EPS);
        assertEquals(2, e.confusion()[HAPPINESS.ordinal()][HAPPINESS.ordinal()]);
        assertEquals(1, e.confusion()[SADNESS.ordinal()][NEUTRAL.ordinal()]);
        assertNull(e.classes().get(SURPRISE.ordinal()).f1(), "neither labelled nor predicted: undefined");
        assertNull(e.rowNormalised()[SURPRISE.ordinal()][0]);
        assertEquals(6, e.coverage().labelled(), "the -1 row is unknown");
        assertTrue(scorer.warnings().stream().anyMatch(w -> w.contains("surprise") && w.contains("undefined")));
    }

    @Test
    void aFilesLabelIsTheArgmaxOfItsMeanProbabilities() throws Exception {
        // stream a: Ha 0.6, 0.2, 0.6 and Ne 0.4, 0.8, 0.4 -> means Ha 0.467, Ne 0.533 -> Ne (a vote of the
        // per-frame labels would say Ha); stream b: surprise throughout
        AffectOutput out = twoFileOutput();
        Path csv = text(dir.resolve("f.csv"), "file,expression", "a.mp4,Ne", "b.mp4,fear");
        ExpressionScore e = new Scorer(out, ScoringOptions.defaults()).scoreExpressions(GroundTruth.readExpressions(csv, 0));
        assertTrue(e.perFile());
        assertEquals(0.5, e.accuracy(), EPS);
        assertEquals(1, e.confusion()[NEUTRAL.ordinal()][NEUTRAL.ordinal()]);
        assertEquals(1, e.confusion()[io.affectstream.wire.Expression.FEAR.ordinal()][SURPRISE.ordinal()]);
    }

    AffectOutput twoFileOutput() throws Exception {
        return AffectOutput.read(Fixtures.jsonl(dir.resolve("files.jsonl"), List.of(
                frame("a", 0, face(1, 50).expressions(HAPPINESS, 0.6, NEUTRAL, 0.4).build()),
                frame("a", 1, face(1, 50).expressions(HAPPINESS, 0.2, NEUTRAL, 0.8).build()),
                frame("a", 2, face(1, 50).expressions(HAPPINESS, 0.6, NEUTRAL, 0.4).build()),
                frame("b", 0, face(1, 50).expressions(SURPRISE, 0.9).build()),
                frame("b", 1))));
    }

    /**
     * Six frames, AUs 1, 2, 12. AU12 (model) 0.9, 0.4, 0.6, 0.1, 0.7, 0.2; AU2 (model) 0.1 throughout; AU1 from
     * the model 0.3 throughout and from the expression table 0.8 throughout.
     */
    private AffectOutput auOutput() throws Exception {
        double[] au12 = {0.9, 0.4, 0.6, 0.1, 0.7, 0.2};
        List<AffectFrame> frames = new java.util.ArrayList<>();
        for (int i = 0; i < au12.length; i++) {
            frames.add(frame(STREAM, i, face(1, 50).au(1, 0.8, Source.EXPRESSION_TABLE).au(1, 0.3, Source.MODEL)
                    .au(2, 0.1, Source.MODEL).au(12, au12[i], Source.MODEL).build()));
        }
        return AffectOutput.read(Fixtures.jsonl(dir.resolve("au.jsonl"), frames));
    }

    private Path auTruth() throws Exception {
        return text(dir.resolve("au.csv"), "file,frame,AU1,AU02,au12",
                "ClipA,0,1,0,1", "ClipA,1,0,0,1", "ClipA,2,-1,0,0", "ClipA,3,0,0,0", "ClipA,4,0,0,1", "ClipA,5,1,0,0");
    }

    @Test
    void actionUnitsGivePerAuFiguresMeansAndTheChallengeTotals() throws Exception {
        Path csv = auTruth();
        Scorer scorer = new Scorer(auOutput(), ScoringOptions.defaults());
        AuScore a = scorer.scoreActionUnits(GroundTruth.readActionUnits(csv, 0));
        // AU1 (model 0.3 < 0.5: never present), frame 2 unknown: TP 0 FN 2 TN 3 -> acc 0.6, F1 0, precision undefined
        AuLine au1 = a.aus().get(0);
        assertEquals(List.of(0L, 0L, 3L, 2L), List.of(au1.tp(), au1.fp(), au1.tn(), au1.fn()));
        assertEquals(0.6, au1.accuracy(), EPS);
        assertEquals(0.0, au1.f1(), EPS);
        assertNull(au1.precision());
        // AU2: no positive label, none predicted: acc 1, F-scores undefined
        AuLine au2 = a.aus().get(1);
        assertEquals(1.0, au2.accuracy(), EPS);
        assertNull(au2.f1());
        assertNull(au2.f05());
        assertEquals(List.of(2), a.f1Undefined());
        // AU12 at 0.5: predicted 1 0 1 0 1 0 vs truth 1 1 0 0 1 0: TP 2 FP 1 TN 2 FN 1 -> acc 4/6, F1 2/3
        AuLine au12 = a.aus().get(2);
        assertEquals(List.of(2L, 1L, 2L, 1L), List.of(au12.tp(), au12.fp(), au12.tn(), au12.fn()));
        assertEquals(2.0 / 3, au12.f1(), EPS);
        // means: accuracy (0.6 + 1 + 2/3)/3 = 0.755556; F1 over the defined AU1, AU12: 1/3 (sd 1/3)
        double meanAcc = (0.6 + 1 + 2.0 / 3) / 3;
        assertEquals(meanAcc, a.meanAccuracy(), EPS);
        assertEquals(Metrics.populationStd(new double[] {0.6, 1, 2.0 / 3}), a.stdAccuracy(), EPS);
        assertEquals(0.1749779, a.stdAccuracy(), 1e-6);
        assertEquals(1.0 / 3, a.meanF1(), EPS);
        assertEquals(1.0 / 3, a.stdF1(), EPS);
        // EmotioNet final 0.5 (0.755556 + 0.333333) = 0.544444; pooled accuracy (3 + 6 + 4)/(5 + 6 + 6) = 13/17;
        // Aff-Wild2 total 0.5/3 + 0.5 * 13/17 = 0.549020
        assertEquals(0.5 * (meanAcc + 1.0 / 3), a.emotionetFinal(), EPS);
        assertEquals(13.0 / 17, a.pooledAccuracy(), EPS);
        assertEquals(0.5 / 3 + 0.5 * 13 / 17, a.abawTotal(), EPS);
        assertEquals(17, a.coverage().labelled());
        assertTrue(scorer.warnings().stream().anyMatch(w -> w.startsWith("AU2:")), scorer.warnings().toString());
    }

    @Test
    void theChosenAuSourceIsTheOneScored() throws Exception {
        Path csv = auTruth();
        AuScore a = new Scorer(auOutput(), ScoringOptions.defaults().withAuSource(Source.EXPRESSION_TABLE))
                .scoreActionUnits(GroundTruth.readActionUnits(csv, 0));
        // AU1 from the expression table (0.8): present in all 5 labelled frames -> TP 2, FP 3
        assertEquals(2, a.aus().get(0).tp());
        assertEquals(3, a.aus().get(0).fp());
        // the table gives no AU12: every AU12 label lacks a prediction
        assertEquals(0, a.aus().get(2).scored());
        assertEquals(6 + 6, a.coverage().missingValue());
    }

    @Test
    void thresholdSelectionPicksTheBestF1AndScoringWithItImproves() throws Exception {
        Path csv = auTruth();
        Scorer scorer = new Scorer(auOutput(), ScoringOptions.defaults());
        AuThresholds selected = scorer.selectThresholds(GroundTruth.readActionUnits(csv, 0),
                ThresholdSelector.Criterion.F1);
        // AU12 sorted: 0.9 T, 0.7 T, 0.6 F, 0.4 T, 0.2 F, 0.1 F; F1 at each: 0.5, 0.8, 2/3, 6/7, 0.75, 2/3 -> 0.4
        assertEquals(0.4, selected.threshold(12), EPS);
        // AU1: one distinct value 0.3 (all present: F1 4/7) beats nothing present (F1 0)
        assertEquals(0.3, selected.threshold(1), EPS);
        // AU2 has no positive label: not selected, keeps the default
        assertEquals(AuThresholds.DEFAULT, selected.threshold(2), EPS);
        assertTrue(scorer.warnings().stream().anyMatch(w -> w.startsWith("AU2: no threshold selected")));

        Path file = dir.resolve("t/thresholds.json");
        selected.write(file);
        AuScore rescored = new Scorer(auOutput(), ScoringOptions.defaults().withThresholds(AuThresholds.load(file)))
                .scoreActionUnits(GroundTruth.readActionUnits(csv, 0));
        assertEquals(6.0 / 7, rescored.aus().get(2).f1(), EPS);
        assertEquals(0.4, rescored.aus().get(2).threshold(), EPS);
    }

    @Test
    void nothingOverlappingIsAClearError() throws Exception {
        Path csv = text(dir.resolve("none.csv"), "file,frame,valence,arousal", "elsewhere.mp4,0,0.1,0.2");
        ScoringException e = assertThrows(ScoringException.class, () -> new Scorer(vaOutput(), ScoringOptions.defaults())
                .scoreValenceArousal(GroundTruth.readValenceArousal(csv, 0), csv));
        assertTrue(e.getMessage().contains("nothing to score") && e.getMessage().contains("elsewhere.mp4")
                && e.getMessage().contains(STREAM), e.getMessage());
    }

    @Test
    void oneBasedFrameNumbersAreShifted() throws Exception {
        Path csv = text(dir.resolve("one.csv"), "file,frame,valence,arousal",
                "videos/ClipA.mp4,1,0,0.2", "videos/ClipA.mp4,2,0.5,0.4", "videos/ClipA.mp4,4,1,0.3");
        ValenceArousal va = new Scorer(vaOutput(), ScoringOptions.defaults().withFrameBase(1))
                .scoreValenceArousal(GroundTruth.readValenceArousal(csv, 1), csv);
        assertEquals(0.8, va.valence().ccc(), EPS);
    }
}
