/**
 * Preprocessing of feature rows and frames: fitted scalers ({@link
 * io.aura.features.preprocess.StandardScaler}, {@link io.aura.features.preprocess.RobustScaler},
 * {@link io.aura.features.preprocess.MinMaxScaler}, all behind {@link
 * io.aura.features.preprocess.Scaler}) and explicit handling of missing values ({@link
 * io.aura.features.preprocess.MissingValues}).
 *
 * <p>Conventions: a static {@code fit} is the trainer and returns an immutable model; NaN means
 * missing and is ignored when fitting and kept when transforming; bad data raise {@link
 * io.aura.features.InvalidDataException} naming the column and row; nothing is filled, clipped or
 * dropped unless a rule says so, and then the rule reports what it did.
 */
package io.aura.features.preprocess;
