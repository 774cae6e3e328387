/**
 * Feature selection: {@link io.aura.features.selection.VarianceThreshold} (unsupervised), {@link
 * io.aura.features.selection.AnovaFSelector} and {@link
 * io.aura.features.selection.MutualInformationSelector} (top-k against class labels), each
 * producing an immutable {@link io.aura.features.selection.FeatureSelection} that records every
 * feature's score and projects rows, matrices and frames onto the kept features.
 *
 * <p>Conventions: rows where a feature is NaN are left out of that feature's score; a feature
 * without any valid value, a ±infinity, labels of the wrong length, fewer than two classes or a
 * {@code k} out of range raise {@link io.aura.features.InvalidDataException}.
 */
package io.aura.features.selection;
