package io.affectstream.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Structural checks of a Grafana dashboard JSON model, and the metric names its queries use. */
final class GrafanaDashboard {
    static final Path FILE = Rendered.K8S_DIR.resolve("base/monitoring/affect-pipeline.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");
    private static final Set<String> BUILT_IN_VARIABLES = Set.of("__rate_interval", "__interval", "__range",
            "__interval_ms", "__range_s", "__range_ms", "__dashboard", "__from", "__to");

    private GrafanaDashboard() {
    }

    static JsonNode read() throws IOException {
        return JSON.readTree(FILE.toFile());
    }

    static JsonNode parse(String json) throws IOException {
        return JSON.readTree(json);
    }

    /** What is wrong with the dashboard model; empty when it is a valid dashboard as Grafana imports it. */
    static List<String> problems(JsonNode dashboard) {
        List<String> problems = new ArrayList<>();
        if (!dashboard.isObject()) {
            problems.add("the dashboard is not a JSON object");
            return problems;
        }
        for (String field : List.of("title", "uid")) {
            if (dashboard.path(field).asText("").isBlank()) {
                problems.add("top-level '" + field + "' is missing or blank");
            }
        }
        if (dashboard.path("uid").asText("").length() > 40) {
            problems.add("uid is longer than Grafana's 40 characters");
        }
        if (!dashboard.path("schemaVersion").isInt() || dashboard.path("schemaVersion").asInt() < 30) {
            problems.add("'schemaVersion' must be an integer (36+ for current Grafana), is " + dashboard.path("schemaVersion"));
        }
        if (dashboard.has("id") && !dashboard.path("id").isNull()) {
            problems.add("'id' must be null in a provisioned dashboard (Grafana assigns it), is " + dashboard.path("id"));
        }
        Set<String> variables = new HashSet<>();
        for (JsonNode v : dashboard.path("templating").path("list")) {
            variables.add(v.path("name").asText());
        }
        JsonNode panels = dashboard.path("panels");
        if (!panels.isArray() || panels.isEmpty()) {
            problems.add("'panels' is missing or empty");
            return problems;
        }
        Set<Integer> ids = new HashSet<>();
        List<JsonNode> all = new ArrayList<>();
        panels.forEach(p -> {
            all.add(p);
            p.path("panels").forEach(all::add); // panels inside collapsed rows
        });
        for (JsonNode panel : all) {
            String name = "panel " + panel.path("id") + " '" + panel.path("title").asText() + "'";
            if (!panel.path("id").isInt()) {
                problems.add(name + ": 'id' must be an integer");
            } else if (!ids.add(panel.path("id").asInt())) {
                problems.add(name + ": duplicate panel id " + panel.path("id").asInt());
            }
            if (panel.path("type").asText("").isBlank()) {
                problems.add(name + ": no 'type'");
            }
            if (panel.path("title").asText("").isBlank()) {
                problems.add(name + ": no 'title'");
            }
            JsonNode grid = panel.path("gridPos");
            for (String g : List.of("h", "w", "x", "y")) {
                if (!grid.path(g).isInt()) {
                    problems.add(name + ": gridPos." + g + " must be an integer");
                }
            }
            if (grid.path("x").asInt() + grid.path("w").asInt() > 24) {
                problems.add(name + ": gridPos exceeds the 24 columns");
            }
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            if (!panel.has("datasource") || panel.path("datasource").isNull()) {
                problems.add(name + ": no 'datasource'");
            }
            JsonNode targets = panel.path("targets");
            if (!targets.isArray() || targets.isEmpty()) {
                problems.add(name + ": no 'targets'");
            }
            Set<String> refIds = new HashSet<>();
            for (JsonNode target : targets) {
                String expr = target.path("expr").asText("");
                if (expr.isBlank()) {
                    problems.add(name + ": a target without 'expr'");
                }
                String refId = target.path("refId").asText("");
                if (refId.isBlank() || !refIds.add(refId)) {
                    problems.add(name + ": missing or duplicate refId '" + refId + "'");
                }
                checkVariables(name, expr, variables, problems);
            }
            checkVariables(name, panel.path("datasource").toString(), variables, problems);
        }
        return problems;
    }

    private static void checkVariables(String where, String text, Set<String> variables, List<String> problems) {
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            String v = m.group(1);
            if (!variables.contains(v) && !BUILT_IN_VARIABLES.contains(v)) {
                problems.add(where + ": uses $" + v + ", which is not a dashboard variable");
            }
        }
    }

    /** Metric name -> where it is used (panel titles, template variables). */
    static TreeMap<String, Set<String>> metricUses(JsonNode dashboard) {
        TreeMap<String, Set<String>> uses = new TreeMap<>();
        List<JsonNode> all = new ArrayList<>();
        dashboard.path("panels").forEach(p -> {
            all.add(p);
            p.path("panels").forEach(all::add);
        });
        for (JsonNode panel : all) {
            for (JsonNode target : panel.path("targets")) {
                for (String metric : PromQl.metricNames(target.path("expr").asText(""))) {
                    uses.computeIfAbsent(metric, k -> new TreeSet<>()).add("panel '" + panel.path("title").asText() + "'");
                }
            }
        }
        for (JsonNode v : dashboard.path("templating").path("list")) {
            if (!v.path("type").asText().equals("query")) {
                continue;
            }
            JsonNode query = v.path("query");
            String q = query.isObject() ? query.path("query").asText("") : query.asText("");
            for (String metric : PromQl.templateMetricNames(q)) {
                uses.computeIfAbsent(metric, k -> new TreeSet<>()).add("variable $" + v.path("name").asText());
            }
        }
        return uses;
    }
}
