/**
 * The Prometheus HTTP API: {@link io.aura.io.prometheus.PrometheusClient} reads instant and range
 * queries, series and label names into Aura {@link io.aura.features.TimeSeries} and {@link
 * io.aura.features.Frame}s.
 */
package io.aura.io.prometheus;
