/**
 * The detector API and Aura's statistical detectors.
 *
 * <ul>
 *   <li>Batch models: {@link io.aura.models.detect.AnomalyTrainer} fits an immutable {@link
 *       io.aura.models.detect.AnomalyModel} (score, severity, per-feature contributions); {@link
 *       io.aura.models.detect.RobustCovarianceTrainer} (FAST-MCD) is one, Isolation Forest in
 *       {@code io.aura.models.forest} another.
 *   <li>Streaming detectors ({@link io.aura.models.detect.StreamingDetector}, {@link
 *       io.aura.models.detect.RowStreamingDetector}): causal, one instance per series, no
 *       allocation per update — rolling robust z-score, EWMA control chart, seasonal baseline,
 *       forecast residual (the {@link io.aura.models.detect.OneStepForecaster} seam for {@code
 *       aura-forecast}), rolling robust covariance; from the NAB literature, windowed Gaussian,
 *       KNN-CAD ({@link io.aura.models.detect.KnnCadDetector}), relative entropy ({@link
 *       io.aura.models.detect.RelativeEntropyDetector}) and Fuzzy ART categories ({@link
 *       io.aura.models.detect.FuzzyArtDetector}); post-processing by anomaly likelihood,
 *       max fusion and alarm suppression.
 *   <li>Alarms: {@link io.aura.models.detect.AlarmPolicy} calibrates a threshold, a hysteresis
 *       release level and a minimum gap from a false-alarm budget (episodes per entity-day) on
 *       training scores; {@link io.aura.models.detect.AlarmTracker} applies it to one stream.
 * </ul>
 *
 * The robust z-score used by the univariate detectors is {@code |x − median| / (1.4826 · MAD)}
 * over a trailing window; when the MAD is 0 the window's standard deviation is the scale, and when
 * that is 0 too, {@code 1e-9 · max(1, |median|)}.
 */
package io.aura.models.detect;
