package io.affectstream.k8s;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough PromQL reading to list the metric names an expression selects. */
final class PromQl {
    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern LABEL_LISTS = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan");

    private PromQl() {
    }

    /** Metric names selected by a PromQL expression (functions, keywords, labels and literals left out). */
    static Set<String> metricNames(String expr) {
        String s = STRINGS.matcher(expr).replaceAll(" ");
        s = MATCHERS.matcher(s).replaceAll(" ");
        s = RANGES.matcher(s).replaceAll(" ");
        s = LABEL_LISTS.matcher(s).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String word = m.group();
            int end = m.end();
            while (end < s.length() && Character.isWhitespace(s.charAt(end))) {
                end++;
            }
            boolean call = end < s.length() && s.charAt(end) == '(';
            boolean variable = m.start() > 0 && s.charAt(m.start() - 1) == '$';
            if (!call && !variable && !KEYWORDS.contains(word.toLowerCase(java.util.Locale.ROOT))) {
                names.add(word);
            }
        }
        return names;
    }

    /** Metric names of a Grafana template query such as {@code label_values(metric, label)}. */
    static Set<String> templateMetricNames(String query) {
        Set<String> names = new TreeSet<>();
        Matcher m = LABEL_VALUES.matcher(query);
        if (m.find()) {
            names.add(m.group(1));
            return names;
        }
        if (query.startsWith("label_values(") || query.startsWith("label_names(")) {
            return names;
        }
        return metricNames(query.replaceFirst("^query_result\\((.*)\\)$", "$1"));
    }
}
