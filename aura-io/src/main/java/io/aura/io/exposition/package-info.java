/**
 * Prometheus text exposition format and OpenMetrics: a fast streaming {@link
 * io.aura.io.exposition.ExpositionParser} for what {@code /metrics} endpoints serve, and an {@link
 * io.aura.io.exposition.OpenMetricsWriter} that produces backfill files for {@code promtool}.
 */
package io.aura.io.exposition;
