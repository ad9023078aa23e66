package io.affectstream.scoring;

import io.affectstream.scoring.ScoreReport.AuLine;
import io.affectstream.scoring.ScoreReport.AuScore;
import io.affectstream.scoring.ScoreReport.ClassScore;
import io.affectstream.scoring.ScoreReport.Coverage;
import io.affectstream.scoring.ScoreReport.Dimension;
import io.affectstream.scoring.ScoreReport.ExpressionScore;
import io.affectstream.scoring.ScoreReport.ValenceArousal;

import java.util.Locale;

/** A {@link ScoreReport} as a plain-text table for a terminal; undefined values read {@code undef}. */
public final class ReportTable {
    private final StringBuilder out = new StringBuilder();

    private ReportTable() {
    }

    public static String format(ScoreReport report) {
        ReportTable t = new ReportTable();
        t.line("Scored " + report.affect() + " (" + report.options() + ")");
        if (report.valenceArousal() != null) {
            t.valenceArousal(report.valenceArousal());
        }
        if (report.expressions() != null) {
            t.expressions("Expressions per frame", report.expressions());
        }
        if (report.fileExpressions() != null) {
            t.expressions("Expressions per file", report.fileExpressions());
        }
        if (report.actionUnits() != null) {
            t.actionUnits(report.actionUnits());
        }
        if (!report.warnings().isEmpty()) {
            t.line("");
            t.line("Warnings:");
            report.warnings().forEach(w -> t.line("  - " + w));
        }
        return t.out.toString();
    }

    private void valenceArousal(ValenceArousal va) {
        line("");
        line("Valence/arousal (" + va.valence().coverage().groundTruth() + ")");
        line(String.format(Locale.ROOT, "  %-9s %8s %8s %8s %8s %8s  %s", "", "CCC", "mean gt", "mean pr", "sd gt",
                "sd pr", "coverage"));
        dimension("valence", va.valence());
        dimension("arousal", va.arousal());
        line("  mean CCC " + num(va.meanCcc()));
    }

    private void dimension(String name, Dimension d) {
        line(String.format(Locale.ROOT, "  %-9s %8s %8s %8s %8s %8s  %s", name, num(d.ccc()), num(d.truthMean()),
                num(d.predictionMean()), num(d.truthStd()), num(d.predictionStd()), coverage(d.coverage())));
    }

    private void expressions(String title, ExpressionScore e) {
        line("");
        line(title + " (" + e.coverage().groundTruth() + "; " + coverage(e.coverage()) + ")");
        line("  accuracy " + num(e.accuracy()) + "   macro F1 " + num(e.macroF1()) + "   UAR " + num(e.uar())
                + "   Aff-Wild2 total (0.67 F1 + 0.33 acc) " + num(e.abawTotal()));
        line(String.format(Locale.ROOT, "  %-10s %6s %6s %9s %8s %8s", "class", "truth", "pred", "precision",
                "recall", "F1"));
        for (ClassScore c : e.classes()) {
            line(String.format(Locale.ROOT, "  %-10s %6d %6d %9s %8s %8s", c.label(), c.truth(), c.predicted(),
                    num(c.precision()), num(c.recall()), num(c.f1())));
        }
        line("  confusion (rows: truth, columns: prediction)");
        StringBuilder head = new StringBuilder("      ");
        e.labels().forEach(l -> head.append(String.format(Locale.ROOT, " %6s", l)));
        line(head.toString());
        for (int i = 0; i < e.labels().size(); i++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-4s", e.labels().get(i)));
            for (long count : e.confusion()[i]) {
                row.append(String.format(Locale.ROOT, " %6d", count));
            }
            line(row.toString());
        }
    }

    private void actionUnits(AuScore a) {
        line("");
        line("Action units (" + a.coverage().groundTruth() + "; source: " + a.source() + "; frame-AU labels: "
                + coverage(a.coverage()) + ")");
        line(String.format(Locale.ROOT, "  %-5s %6s %7s %6s %6s %6s %6s %6s %7s %7s %7s %7s %7s %7s", "AU", "thr",
                "frames", "pos", "TP", "FP", "TN", "FN", "acc", "prec", "recall", "F0.5", "F1", "F2"));
        for (AuLine l : a.aus()) {
            line(String.format(Locale.ROOT, "  %-5s %6.3f %7d %6d %6d %6d %6d %6d %7s %7s %7s %7s %7s %7s",
                    "AU" + l.au(), l.threshold(), l.scored(), l.positives(), l.tp(), l.fp(), l.tn(), l.fn(),
                    num(l.accuracy()), num(l.precision()), num(l.recall()), num(l.f05()), num(l.f1()), num(l.f2())));
        }
        line("  mean accuracy " + num(a.meanAccuracy()) + " (sd " + num(a.stdAccuracy()) + ")   mean F0.5 "
                + num(a.meanF05()) + "   mean F1 " + num(a.meanF1()) + " (sd " + num(a.stdF1()) + ")   mean F2 "
                + num(a.meanF2()));
        line("  EmotioNet final 0.5 (acc + F1) " + num(a.emotionetFinal()) + "   Aff-Wild2 AU total 0.5 F1 + 0.5 "
                + "pooled acc " + num(a.abawTotal()) + " (pooled accuracy " + num(a.pooledAccuracy()) + ")");
    }

    private static String coverage(Coverage c) {
        return c.scored() + "/" + c.labelled() + " scored"
                + (c.missing() > 0 ? ", " + c.missing() + " without prediction" : "")
                + (c.filled() > 0 ? " (" + c.filled() + " scored as neutral)" : "");
    }

    private static String num(Double value) {
        return value == null ? "undef" : String.format(Locale.ROOT, "%.4f", value);
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
