/**
 * Aura's base: immutable time series ({@link io.aura.features.TimeSeries}) and frames ({@link
 * io.aura.features.Frame}) with explicit policies for disorder, duplicates and gaps; a feature
 * engine declared once ({@link io.aura.features.FeatureSpec}) and run in batch or streaming form
 * ({@link io.aura.features.FeatureStream}) with identical numbers; the default Kubernetes pod
 * feature set ({@link io.aura.features.KubernetesFeatures}); and O(1) rolling statistics ({@link
 * io.aura.features.RollingWindow}).
 *
 * <p>Conventions across Aura: NaN means missing; bad data raise {@link
 * io.aura.features.InvalidDataException} with a message naming what and where; every public type
 * states its thread safety and cost in its documentation.
 */
package io.aura.features;
