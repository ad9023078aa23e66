package io.affectstream.cli;

import io.affectstream.scoring.AffectOutput;
import io.affectstream.scoring.AuThresholds;
import io.affectstream.scoring.ChallengeExport;
import io.affectstream.scoring.GroundTruth;
import io.affectstream.scoring.ReportTable;
import io.affectstream.scoring.ScoreReport;
import io.affectstream.scoring.Scorer;
import io.affectstream.scoring.ScoringException;
import io.affectstream.scoring.ScoringOptions;
import io.affectstream.scoring.ThresholdSelector;
import io.affectstream.wire.Source;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Scores the affect output (JSON lines from 'run --out', or a topic dump) against",
                "ground truth in CSV with the challenges' metrics: CCC for valence/arousal;",
                "accuracy, macro F1, unweighted average recall and the Aff-Wild2 total for",
                "expressions; per-AU accuracy, F0.5/F1/F2, their means and deviations, the",
                "EmotioNet final score and the Aff-Wild2 total for AUs. Selects per-AU",
                "thresholds on a validation set; exports the challenges' submission forms.",
                "CSV forms, matching rules and formulas: docs/scoring.md."},
        footer = {"", "Examples:",
                "  java -jar affect.jar score --affect out.jsonl --va va.csv --expressions e.csv --json r.json",
                "  java -jar affect.jar score --affect val.jsonl --aus val.csv --select-thresholds t.json",
                "  java -jar affect.jar score --affect test.jsonl --aus test.csv --thresholds t.json",
                "  java -jar affect.jar score --affect test.jsonl --export-dict d.json --export-csv f.csv",
                "", "Exit codes: 0 done, 1 unusable input, 2 bad options."})
final class ScoreCommand implements Callable<Integer> {
    @Option(names = "--affect", required = true, paramLabel = "FILE",
            description = "The affect output: JSON lines, one frame per line.")
    Path affect;

    @Option(names = "--va", paramLabel = "CSV", description = "Valence/arousal per frame: file,frame,valence,arousal.")
    Path va;

    @Option(names = "--expressions", paramLabel = "CSV",
            description = "Expression per frame (file,frame,expression) or per file (file,expression).")
    Path expressions;

    @Option(names = "--aus", paramLabel = "CSV", description = "AUs per frame: file,frame,AU1,AU2,... with 1, 0 or -1.")
    Path aus;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the full result as JSON.")
    Path json;

    @Option(names = "--thresholds", paramLabel = "FILE",
            description = "Per-AU thresholds to score with (default: 0.5 for every AU).")
    Path thresholds;

    @Option(names = "--select-thresholds", paramLabel = "FILE",
            description = "Treat --aus as a validation set: choose each AU's threshold and write them here.")
    Path selectThresholds;

    @Option(names = "--select-by", paramLabel = "f1|final-score", defaultValue = "f1",
            description = "What a selected threshold maximises: the AU's F1, or 0.5 (accuracy + F1) (default: ${DEFAULT-VALUE}).")
    String selectBy;

    @Option(names = "--export-dict", paramLabel = "FILE",
            description = "Write the per-file class dictionary {streamId: An|Di|Fe|Ha|Ne|Sa|Su} as JSON.")
    Path exportDict;

    @Option(names = "--export-csv", paramLabel = "FILE",
            description = "Write the per-frame CSV: file,frame,valence,arousal,expression,AU... (AUs as 0/1).")
    Path exportCsv;

    @Option(names = "--face", paramLabel = "largest|TRACKID", defaultValue = "largest",
            description = "The face scored in each frame (default: ${DEFAULT-VALUE}).")
    String face;

    @Option(names = "--va-source", paramLabel = "auto|fused|vision|audio", defaultValue = "auto",
            description = "Valence/arousal scored; auto: fused when present, else vision (default: ${DEFAULT-VALUE}).")
    String vaSource;

    @Option(names = "--au-source", paramLabel = "preferred|model|geometry|head_pose|expression_table",
            defaultValue = "preferred",
            description = "AU activations scored; preferred: the first present of model, geometry, head_pose, expression_table (default: ${DEFAULT-VALUE}).")
    String auSource;

    @Option(names = "--missing", paramLabel = "skip|fail|neutral", defaultValue = "skip",
            description = "A labelled frame without a prediction is left out, an error, or scored as neutral (default: ${DEFAULT-VALUE}).")
    String missing;

    @Option(names = "--frame-base", paramLabel = "0|1", defaultValue = "0",
            description = "Number of the first frame in the CSV files and the exported CSV (default: ${DEFAULT-VALUE}).")
    long frameBase;

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces on errors.")
    boolean verbose;

    @Override
    public Integer call() {
        ScoringOptions options = options();
        boolean groundTruth = va != null || expressions != null || aus != null;
        if (!groundTruth && exportDict == null && exportCsv == null) {
            throw new CliError("nothing to do: give ground truth (--va, --expressions, --aus) or an export "
                    + "(--export-dict, --export-csv)", ExitCodes.USAGE);
        }
        if (selectThresholds != null && aus == null) {
            throw new CliError("--select-thresholds needs --aus (the validation labels)", ExitCodes.USAGE);
        }
        ThresholdSelector.Criterion criterion = parse("--select-by", selectBy, ThresholdSelector.Criterion.values(),
                ThresholdSelector.Criterion::wireName);
        PrintStream out = System.out;
        PrintStream err = System.err;
        try {
            AffectOutput output = AffectOutput.read(affect);
            if (groundTruth) {
                Scorer scorer = new Scorer(output, options);
                GroundTruth.AuTruth auTruth = aus == null ? null : GroundTruth.readActionUnits(aus, frameBase);
                ScoreReport report = scorer.score(va == null ? null : GroundTruth.readValenceArousal(va, frameBase), va,
                        expressions == null ? null : GroundTruth.readExpressions(expressions, frameBase), auTruth);
                out.print(ReportTable.format(report));
                if (json != null) {
                    report.writeJson(json);
                    err.println("affect: wrote " + json);
                }
                if (selectThresholds != null) {
                    select(scorer, auTruth, criterion, out);
                    err.println("affect: wrote " + selectThresholds);
                }
            }
            export(output, options, err);
        } catch (ScoringException e) {
            throw new CliError(e.getMessage(), ExitCodes.BAD_INPUT, e);
        } catch (IOException e) {
            throw new CliError("cannot write: " + e.getMessage(), ExitCodes.BAD_INPUT, e);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private void select(Scorer scorer, GroundTruth.AuTruth truth, ThresholdSelector.Criterion criterion,
                        PrintStream out) throws IOException {
        int warningsBefore = scorer.warnings().size();
        AuThresholds selected = scorer.selectThresholds(truth, criterion);
        selected.write(selectThresholds);
        out.println();
        out.println("Selected AU thresholds (maximising " + criterion.wireName() + " on " + aus + "):");
        selected.selections().forEach((au, s) -> out.printf(Locale.ROOT,
                "  AU%-4d threshold %.4f   F1 %.4f   accuracy %.4f   0.5 (acc + F1) %.4f   (%d frames, %d positive)%n",
                au, s.threshold(), s.f1(), s.accuracy(), s.finalScore(), s.frames(), s.positives()));
        scorer.warnings().subList(warningsBefore, scorer.warnings().size()).forEach(w -> out.println("  - " + w));
    }

    private void export(AffectOutput output, ScoringOptions options, PrintStream err) throws IOException {
        ChallengeExport export = new ChallengeExport(output, options);
        if (exportDict != null) {
            List<String> warnings = new ArrayList<>();
            export.writeClassDictionary(exportDict, warnings);
            warnings.forEach(w -> err.println("affect: warning: " + w));
            err.println("affect: wrote " + exportDict);
        }
        if (exportCsv != null) {
            export.writeFrameCsv(exportCsv);
            err.println("affect: wrote " + exportCsv);
        }
    }

    private ScoringOptions options() {
        if (frameBase < 0) {
            throw new CliError("--frame-base must be 0 or more (was " + frameBase + ")", ExitCodes.USAGE);
        }
        Long trackId = null;
        if (!face.equalsIgnoreCase("largest")) {
            try {
                trackId = Long.parseLong(face);
            } catch (NumberFormatException e) {
                throw new CliError("--face must be 'largest' or a trackId number (was '" + face + "')", ExitCodes.USAGE);
            }
        }
        AuThresholds t;
        try {
            t = thresholds == null ? AuThresholds.defaults() : AuThresholds.load(thresholds);
        } catch (ScoringException e) {
            throw new CliError(e.getMessage(), ExitCodes.BAD_INPUT, e);
        }
        Source source = auSource.equalsIgnoreCase("preferred") ? null
                : parse("--au-source", auSource, ScoringOptions.AU_SOURCES.toArray(Source[]::new), Source::wireName);
        return new ScoringOptions(trackId,
                parse("--va-source", vaSource, ScoringOptions.VaSource.values(), v -> v.name().toLowerCase(Locale.ROOT)),
                source, t,
                parse("--missing", missing, ScoringOptions.MissingPolicy.values(), m -> m.name().toLowerCase(Locale.ROOT)),
                frameBase);
    }

    private static <E> E parse(String option, String value, E[] values, java.util.function.Function<E, String> name) {
        return Arrays.stream(values).filter(v -> name.apply(v).equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> new CliError(option + " must be one of " + Arrays.stream(values).map(name).toList()
                        + " (was '" + value + "')", ExitCodes.USAGE));
    }
}
