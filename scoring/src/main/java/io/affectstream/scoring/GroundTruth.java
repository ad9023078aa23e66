package io.affectstream.scoring;

import io.affectstream.wire.Expression;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Ground truth read from the CSV forms of docs/scoring.md (each with a header line):
 * <ul>
 *   <li>valence/arousal per frame: {@code file,frame,valence,arousal}, values in [-1, 1]; an empty cell or
 *       -5 (Aff-Wild2's marker) is unknown;</li>
 *   <li>expression per frame: {@code file,frame,expression}, or per file: {@code file,expression}; a label is a
 *       canonical name (neutral, anger, ...) or a code (Ne, An, Di, Fe, Ha, Sa, Su), any case; empty or -1 is
 *       unknown;</li>
 *   <li>AUs per frame: {@code file,frame,AU1,AU2,...} with 1 (present), 0 (absent), -1 or empty (unknown).</li>
 * </ul>
 * {@code frame} is the output's 0-based {@code frameIndex} after subtracting {@code frameBase}.
 * A (file, frame) given twice is an error naming both lines.
 */
public final class GroundTruth {
    private static final Pattern AU_COLUMN = Pattern.compile("au0*([1-9][0-9]*)");

    private GroundTruth() {
    }

    /** One labelled frame of valence/arousal; an unknown value is NaN. */
    public record VaRow(String file, long frame, double valence, double arousal) {
    }

    /** One expression label; {@code frame} is -1 for a per-file label. */
    public record ExpressionRow(String file, long frame, Expression expression) {
    }

    /** Expression labels, per frame or per file. */
    public record ExpressionTruth(Path source, boolean perFile, List<ExpressionRow> rows) {
    }

    /** One frame's AU labels, in the order of {@link AuTruth#aus()}: 1, 0 or -1 (unknown). */
    public record AuRow(String file, long frame, int[] labels) {
    }

    /** AU labels per frame, for the AUs named in the header. */
    public record AuTruth(Path source, List<Integer> aus, List<AuRow> rows) {
    }

    /** Reads {@code file,frame,valence,arousal}. */
    public static List<VaRow> readValenceArousal(Path path, long frameBase) {
        CsvTable csv = CsvTable.read(path, "file,frame,valence,arousal");
        int file = csv.column("file");
        int frame = csv.column("frame");
        int valence = csv.column("valence");
        int arousal = csv.column("arousal");
        Duplicates seen = new Duplicates(csv, frameBase);
        List<VaRow> rows = new ArrayList<>();
        for (CsvTable.Row row : csv.rows()) {
            VaRow va = new VaRow(csv.file(row, file), csv.frame(row, frame, frameBase),
                    dimension(csv, row, valence, "valence"), dimension(csv, row, arousal, "arousal"));
            seen.check(row, va.file(), va.frame());
            rows.add(va);
        }
        return rows;
    }

    /** Reads {@code file,frame,expression} (per frame) or {@code file,expression} (per file), told by the header. */
    public static ExpressionTruth readExpressions(Path path, long frameBase) {
        CsvTable csv = CsvTable.read(path, "file,frame,expression (or file,expression)");
        int file = csv.column("file");
        int expression = csv.column("expression");
        boolean perFile = !csv.header().contains("frame");
        int frame = perFile ? -1 : csv.column("frame");
        Duplicates seen = new Duplicates(csv, frameBase);
        List<ExpressionRow> rows = new ArrayList<>();
        for (CsvTable.Row row : csv.rows()) {
            String name = csv.file(row, file);
            long index = perFile ? -1 : csv.frame(row, frame, frameBase);
            seen.check(row, name, index);
            String label = row.get(expression);
            if (label.isEmpty() || label.equals("-1")) {
                continue;
            }
            Expression e = parseExpression(label);
            if (e == null) {
                throw csv.error(row, "unknown expression '" + label + "' (expected one of "
                        + Arrays.stream(Expression.values()).map(Expression::wireName).collect(Collectors.joining(", "))
                        + ", or a code " + Arrays.stream(Expression.values()).map(Expression::code)
                        .collect(Collectors.joining(", ")) + ")");
            }
            rows.add(new ExpressionRow(name, index, e));
        }
        return new ExpressionTruth(path, perFile, rows);
    }

    /** Reads {@code file,frame,AU1,AU2,...}. */
    public static AuTruth readActionUnits(Path path, long frameBase) {
        CsvTable csv = CsvTable.read(path, "file,frame,AU1,AU2,...");
        int file = csv.column("file");
        int frame = csv.column("frame");
        List<Integer> aus = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        for (int c = 0; c < csv.header().size(); c++) {
            if (c == file || c == frame) {
                continue;
            }
            Matcher m = AU_COLUMN.matcher(csv.header().get(c));
            if (!m.matches()) {
                throw new ScoringException(path + " line 1: column '" + csv.header().get(c)
                        + "' is not an AU (expected AU1, AU2, ... after file,frame)");
            }
            int au = Integer.parseInt(m.group(1));
            if (aus.contains(au)) {
                throw new ScoringException(path + " line 1: AU" + au + " appears twice in the header");
            }
            aus.add(au);
            columns.add(c);
        }
        if (aus.isEmpty()) {
            throw new ScoringException(path + " line 1: no AU columns after file,frame");
        }
        Duplicates seen = new Duplicates(csv, frameBase);
        List<AuRow> rows = new ArrayList<>();
        for (CsvTable.Row row : csv.rows()) {
            AuRow au = new AuRow(csv.file(row, file), csv.frame(row, frame, frameBase), new int[aus.size()]);
            seen.check(row, au.file(), au.frame());
            for (int i = 0; i < aus.size(); i++) {
                String v = row.get(columns.get(i));
                au.labels()[i] = switch (v) {
                    case "1" -> 1;
                    case "0" -> 0;
                    case "-1", "" -> -1;
                    default -> throw csv.error(row, "AU" + aus.get(i) + " is '" + v
                            + "', expected 1 (present), 0 (absent) or -1 (unknown)");
                };
            }
            rows.add(au);
        }
        return new AuTruth(path, List.copyOf(aus), rows);
    }

    /** A canonical name or two-letter code, any case; null when it is neither. */
    public static Expression parseExpression(String label) {
        String l = label.trim().toLowerCase(Locale.ROOT);
        for (Expression e : Expression.values()) {
            if (e.wireName().equals(l) || e.code().toLowerCase(Locale.ROOT).equals(l)) {
                return e;
            }
        }
        return null;
    }

    private static double dimension(CsvTable csv, CsvTable.Row row, int column, String name) {
        String text = row.get(column);
        if (text.isEmpty()) {
            return Double.NaN;
        }
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw csv.error(row, name + " '" + text + "' is not a number");
        }
        if (value == -5) {
            return Double.NaN;
        }
        if (!(value >= -1 && value <= 1)) {
            throw csv.error(row, name + " " + text + " is outside [-1, 1] (use an empty cell or -5 for unknown)");
        }
        return value;
    }

    /** Remembers where each (file, frame) was seen. */
    private static final class Duplicates {
        private final CsvTable csv;
        private final long frameBase;
        private final Map<String, Integer> lines = new HashMap<>();

        Duplicates(CsvTable csv, long frameBase) {
            this.csv = csv;
            this.frameBase = frameBase;
        }

        void check(CsvTable.Row row, String file, long frame) {
            Integer before = lines.putIfAbsent(file + "\u0000" + frame, row.line());
            if (before != null) {
                String what = frame < 0 ? "file '" + file + "'" : "file '" + file + "' frame " + (frame + frameBase);
                throw csv.error(row, what + " is labelled again (first on line " + before + ")");
            }
        }
    }
}
