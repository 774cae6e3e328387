/**
 * Multivariate detectors for a row of many metrics (server metrics: CPU, memory, disk, network):
 * batch fit on a train half, causal streaming score.
 *
 * <ul>
 *   <li>{@link io.aura.models.multivariate.PcaTrainer} → {@link io.aura.models.multivariate.PcaModel}:
 *       subspace reconstruction error with per-metric residuals as the attribution.
 *   <li>{@link io.aura.models.multivariate.KnnTrainer} → {@link io.aura.models.multivariate.KnnModel}:
 *       exact k-th nearest-neighbour distance to a bounded reservoir of training rows.
 *   <li>{@link io.aura.models.multivariate.LagWindow}: the streaming session that scores a row
 *       with its last {@code k} rows, for any {@link io.aura.models.detect.AnomalyModel}
 *       (including Isolation Forest and robust covariance).
 * </ul>
 *
 * Both models standardize each metric on the training rows ({@code (x − mean) / max(std, floor)})
 * and save to versioned, checksummed model files. Alarms from a false-alarm budget: {@link
 * io.aura.models.detect.AlarmPolicy}.
 */
package io.aura.models.multivariate;
