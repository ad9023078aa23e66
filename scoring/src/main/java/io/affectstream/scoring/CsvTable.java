package io.affectstream.scoring;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small CSV file with a header: comma-separated, fields trimmed, double quotes around a field that holds a
 * comma (a doubled quote inside is a quote). Blank lines are skipped. Every problem names the file and line.
 */
final class CsvTable {
    /** One data row with its 1-based line number in the file. */
    record Row(int line, List<String> fields) {
        String get(int column) {
            return fields.get(column);
        }
    }

    private final Path file;
    private final List<String> header;
    private final List<Row> rows;

    private CsvTable(Path file, List<String> header, List<Row> rows) {
        this.file = file;
        this.header = header;
        this.rows = rows;
    }

    /** Reads the file; {@code expectedHeader} is only used to make the error for an empty file helpful. */
    static CsvTable read(Path file, String expectedHeader) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ScoringException(file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new ScoringException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new ScoringException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        List<String> header = null;
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = i == 0 ? lines.get(i).replace("\uFEFF", "") : lines.get(i);
            if (text.isBlank()) {
                continue;
            }
            List<String> fields = split(file, i + 1, text);
            if (header == null) {
                header = fields.stream().map(f -> f.toLowerCase(Locale.ROOT)).toList();
            } else if (fields.size() != header.size()) {
                throw new ScoringException(file + " line " + (i + 1) + ": expected " + header.size()
                        + " comma-separated fields (" + String.join(",", header) + "), got " + fields.size());
            } else {
                rows.add(new Row(i + 1, fields));
            }
        }
        if (header == null) {
            throw new ScoringException(file + ": empty; expected a header line '" + expectedHeader + "' and data rows");
        }
        if (rows.isEmpty()) {
            throw new ScoringException(file + ": no data rows after the header");
        }
        return new CsvTable(file, header, rows);
    }

    Path file() {
        return file;
    }

    /** Header names, lower-cased. */
    List<String> header() {
        return header;
    }

    List<Row> rows() {
        return rows;
    }

    /** Index of a required column, or an error naming the file and the header it has. */
    int column(String name) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new ScoringException(file + " line 1: no '" + name + "' column in the header ("
                    + String.join(",", header) + ")");
        }
        return index;
    }

    ScoringException error(Row row, String what) {
        return new ScoringException(file + " line " + row.line() + ": " + what);
    }

    /** The 0-based frame number in a column, shifted by {@code frameBase} (1 for 1-based numbering). */
    long frame(Row row, int column, long frameBase) {
        String text = row.get(column);
        try {
            long frame = Long.parseLong(text) - frameBase;
            if (frame < 0) {
                throw error(row, "frame " + text + " is below the first frame number " + frameBase);
            }
            return frame;
        } catch (NumberFormatException e) {
            throw error(row, "frame '" + text + "' is not a whole number");
        }
    }

    /** A non-empty file name in a column. */
    String file(Row row, int column) {
        String name = row.get(column);
        if (name.isEmpty()) {
            throw error(row, "empty file name");
        }
        return name;
    }

    private static List<String> split(Path file, int line, String text) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.toString().isBlank()) {
                quoted = true;
                field.setLength(0);
            } else if (c == ',') {
                fields.add(field.toString().trim());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new ScoringException(file + " line " + line + ": unterminated quoted field");
        }
        fields.add(field.toString().trim());
        return fields;
    }
}
