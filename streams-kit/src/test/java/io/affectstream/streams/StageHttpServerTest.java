package io.affectstream.streams;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StageHttpServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(StageHttpServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesLatencyPercentilesInPrometheusFormat() throws Exception {
        PrometheusMeterRegistry registry = StageHttpServer.newRegistry();
        Timer timer = Timer.builder("affect.fusion.end_to_end").publishPercentiles(0.5, 0.99).register(registry);
        for (int ms = 1; ms <= 100; ms++) {
            timer.record(Duration.ofMillis(ms));
        }
        try (StageHttpServer server = StageHttpServer.start(0, registry, () -> Health.allOf(java.util.List.of()))) {
            HttpResponse<String> response = get(server, "/metrics");
            assertEquals(200, response.statusCode());
            assertTrue(response.body().contains("affect_fusion_end_to_end_seconds{quantile=\"0.5\"}"), response.body());
            assertTrue(response.body().contains("affect_fusion_end_to_end_seconds{quantile=\"0.99\"}"), response.body());
            assertTrue(response.body().contains("affect_fusion_end_to_end_seconds_count 100"), response.body());
        }
    }

    @Test
    void probesFollowTheStageHealth() throws Exception {
        AtomicBoolean live = new AtomicBoolean(true);
        AtomicBoolean ready = new AtomicBoolean(false);
        Health health = new Health() {
            @Override
            public boolean live() {
                return live.get();
            }

            @Override
            public boolean ready() {
                return ready.get();
            }
        };
        try (StageHttpServer server = StageHttpServer.start(0, StageHttpServer.newRegistry(), () -> health)) {
            assertEquals(200, get(server, "/health/live").statusCode());
            assertEquals(503, get(server, "/health/ready").statusCode());
            ready.set(true);
            assertEquals(200, get(server, "/health/ready").statusCode());
            live.set(false);
            assertEquals(503, get(server, "/health/live").statusCode());
        }
    }
}
