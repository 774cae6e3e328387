/**
 * Aura's vocabulary of anomalies, shared by every module: {@link io.aura.features.anomaly.Severity}
 * (one scale with a documented order), {@link io.aura.features.anomaly.AnomalyType} (the stable set
 * of anomaly kinds), and the verdict on one row, {@link io.aura.features.anomaly.Detection} with
 * its {@link io.aura.features.anomaly.Contribution}s.
 *
 * <p>These types live in the base module so that detectors, the detection pipeline and the I/O
 * adapters speak one language without depending on each other.
 */
package io.aura.features.anomaly;
