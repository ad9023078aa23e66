package io.affectstream.scoring;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the output stream a ground-truth {@code file} belongs to, trying in turn: the stream id equal to the
 * file; equal to its base name (folders and extension dropped); or equal to the id {@code affect run} makes by
 * default for that input, the base name lower-cased with other characters than {@code a-z 0-9 _ -} turned into
 * {@code -}, followed by {@code -} and 8 hex digits. Two streams matching the last rule is an error.
 */
final class StreamMatcher {
    private final Set<String> streamIds;
    private final Map<String, Optional<String>> cache = new HashMap<>();

    StreamMatcher(Set<String> streamIds) {
        this.streamIds = streamIds;
    }

    /** The matching stream id, if any. */
    Optional<String> match(String file) {
        return cache.computeIfAbsent(file, this::find);
    }

    private Optional<String> find(String file) {
        if (streamIds.contains(file)) {
            return Optional.of(file);
        }
        String base = baseName(file);
        if (streamIds.contains(base)) {
            return Optional.of(base);
        }
        String clean = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("^-+|-+$", "");
        List<String> generated = streamIds.stream()
                .filter(id -> id.matches(java.util.regex.Pattern.quote(clean) + "-[0-9a-f]{8}")).sorted().toList();
        if (generated.size() > 1) {
            throw new ScoringException("ground-truth file '" + file + "' matches several output streams "
                    + generated + "; give each run a --stream-id equal to the file name");
        }
        return generated.stream().findFirst();
    }

    static String baseName(String file) {
        String name = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
