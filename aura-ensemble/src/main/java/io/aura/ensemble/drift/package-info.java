/**
 * Drift detection. {@link io.aura.ensemble.drift.DriftReference} holds a training matrix's sorted
 * columns and scores each new window per feature ({@link io.aura.ensemble.drift.DriftReport}:
 * two-sample Kolmogorov–Smirnov statistic and p-value, Population Stability Index, 1-Wasserstein
 * distance, a drifted flag under {@link io.aura.ensemble.drift.DriftOptions}). {@link
 * io.aura.ensemble.drift.ModelDriftMonitor} tracks F1 of predictions against event labels over
 * consecutive windows and raises a retrain signal. NaN is a missing value: ignored, counted.
 */
package io.aura.ensemble.drift;
