package io.affectstream.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.affectstream.audio.AudioMetrics;
import io.affectstream.fusion.FusionMetrics;
import io.affectstream.vision.VisionMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Grafana dashboard (k8s/base/monitoring/affect-pipeline.json): valid, and only documented meters. */
class GrafanaDashboardTest {

    @Test
    void isAValidGrafanaDashboard() throws Exception {
        List<String> problems = GrafanaDashboard.problems(GrafanaDashboard.read());
        assertTrue(problems.isEmpty(), GrafanaDashboard.FILE + " is not a valid Grafana dashboard:\n  "
                + String.join("\n  ", problems));
    }

    @Test
    void usesOnlyDocumentedMeters() throws Exception {
        Map<String, Set<String>> uses = GrafanaDashboard.metricUses(GrafanaDashboard.read());
        String unknown = uses.entrySet().stream().filter(e -> !Meters.isDocumented(e.getKey()))
                .map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
                .collect(Collectors.joining("\n  "));
        assertTrue(unknown.isEmpty(), "the dashboard queries metrics that no stage documents (a typo, or a renamed "
                + "meter: fix the query, or add the meter to Meters.DOCUMENTED and docs/operations.md):\n  " + unknown);
    }

    @Test
    void showsWhatOperatorsNeed() throws Exception {
        Set<String> used = GrafanaDashboard.metricUses(GrafanaDashboard.read()).keySet().stream()
                .map(Meters::meterOf).collect(Collectors.toSet());
        Set<String> missing = new TreeSet<>(Meters.REQUIRED_ON_DASHBOARD);
        missing.removeAll(used);
        assertTrue(missing.isEmpty(), "the dashboard has no panel for " + missing);
    }

    /** The documented names are the real ones: bind the stages' meter binders and read Prometheus' scrape. */
    @Test
    void documentedStageMetersAreWhatTheStagesRegister() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new VisionMetrics().bindTo(registry);
        new AudioMetrics().bindTo(registry);
        new FusionMetrics().bindTo(registry);
        Set<String> scraped = registry.scrape().lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("[{ ]", 2)[0])
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>(Meters.REGISTERED_ON_BIND);
        missing.removeIf(scraped::contains);
        assertTrue(missing.isEmpty(), "documented meters " + missing + " are not what the stages register (a meter "
                + "was renamed?); the stages' /metrics has " + scraped);
    }

    @Test
    void promQlNamesAreReadCorrectly() {
        assertEquals(Set.of("affect_fusion_frames_total"), PromQl.metricNames(
                "sum by (audio) (rate(affect_fusion_frames_total{namespace=\"$namespace\", audio!=\"x\"}[5m])) "
                        + "/ ignoring (audio) group_left sum(rate(affect_fusion_frames_total[$__rate_interval]))"));
        assertEquals(Set.of("up"), PromQl.metricNames("count by (stage) (up{stage!=\"\"} == 1)"));
        assertEquals(Set.of("a_sum", "a_count"), PromQl.metricNames("rate(a_sum[5m]) / rate(a_count[5m])"));
        assertEquals(Set.of("m"), PromQl.templateMetricNames("label_values(m, namespace)"));
        assertEquals(Set.of(), PromQl.templateMetricNames("label_values(namespace)"));
    }
}
