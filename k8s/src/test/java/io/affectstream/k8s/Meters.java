package io.affectstream.k8s;

import java.util.Set;

/**
 * The Prometheus series names the pipeline exposes on {@code GET /metrics}, as documented in
 * docs/architecture.md and docs/operations.md. Dashboards may only use these (plus the _count, _sum and _max
 * series of timers and summaries), so a renamed meter breaks this test instead of silently emptying a panel.
 * Add a meter here and to docs/operations.md when the code adds one.
 */
final class Meters {
    /** Micrometer timers and summaries also publish these series. */
    static final Set<String> SUFFIXES = Set.of("_count", "_sum", "_max");

    static final Set<String> DOCUMENTED = Set.of(
            // fusion: timers with p50/p99 (summaries with quantile labels), counters
            "affect_fusion_end_to_end_seconds",
            "affect_fusion_pipeline_seconds",
            "affect_fusion_hop_seconds",
            "affect_fusion_audio_wait_seconds",
            "affect_fusion_frames_total",
            "affect_fusion_audio_missing_total",
            // vision and audio stages
            "affect_vision_latency_seconds",
            "affect_vision_frames_total",
            "affect_vision_faces_total",
            "affect_audio_latency_seconds",
            "affect_audio_seconds_total",
            "affect_audio_speech_seconds_total",
            // ingest
            "affect_ingest_frames_total",
            "affect_ingest_audio_samples_total",
            "affect_ingest_frame_bytes",
            "affect_ingest_decode_seconds",
            "affect_ingest_encode_seconds",
            // inference (with the models): run time per model, and the provider each model runs on (gauge = 1)
            "affect_inference_seconds",
            "affect_inference_provider",
            // Kafka Streams client metrics, bound through Micrometer's KafkaStreamsMetrics
            "kafka_consumer_fetch_manager_records_lag_max",
            "kafka_stream_task_dropped_records_total",
            // Prometheus' own per-target series
            "up");

    /**
     * Documented meters that the stage code registers as soon as its metrics are bound (the others appear with
     * their first record or with later features), so the test can check them against the real binders.
     */
    static final Set<String> REGISTERED_ON_BIND = Set.of(
            "affect_vision_latency_seconds",
            "affect_vision_faces_total",
            "affect_audio_latency_seconds",
            "affect_audio_speech_seconds_total",
            "affect_fusion_end_to_end_seconds",
            "affect_fusion_pipeline_seconds",
            "affect_fusion_hop_seconds",
            "affect_fusion_audio_wait_seconds",
            "affect_fusion_audio_missing_total");

    /** What the dashboard must show (issue 6): each needs at least one panel query using it. */
    static final Set<String> REQUIRED_ON_DASHBOARD = Set.of(
            "affect_fusion_end_to_end_seconds",      // end-to-end latency p50/p99
            "affect_vision_latency_seconds",         // per-stage latency
            "affect_audio_latency_seconds",
            "affect_fusion_hop_seconds",
            "affect_ingest_frames_total",            // frames/s
            "affect_vision_faces_total",             // faces/s
            "kafka_consumer_fetch_manager_records_lag_max", // consumer lag
            "kafka_stream_task_dropped_records_total",      // dropped records
            "affect_fusion_audio_missing_total",             // skipped audio
            "affect_inference_seconds",              // inference time per model
            "affect_inference_provider");            // active ONNX Runtime provider

    private Meters() {
    }

    static boolean isDocumented(String series) {
        if (DOCUMENTED.contains(series)) {
            return true;
        }
        for (String suffix : SUFFIXES) {
            if (series.endsWith(suffix) && DOCUMENTED.contains(series.substring(0, series.length() - suffix.length()))) {
                return true;
            }
        }
        return false;
    }

    /** The documented meter a series belongs to (the series itself, or without its _count/_sum/_max). */
    static String meterOf(String series) {
        if (DOCUMENTED.contains(series)) {
            return series;
        }
        for (String suffix : SUFFIXES) {
            if (series.endsWith(suffix)) {
                return series.substring(0, series.length() - suffix.length());
            }
        }
        return series;
    }
}
