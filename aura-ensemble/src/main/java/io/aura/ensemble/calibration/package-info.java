/**
 * Score calibration: trainers ({@link io.aura.ensemble.calibration.PlattScaling}, {@link
 * io.aura.ensemble.calibration.IsotonicRegression}) build immutable {@link
 * io.aura.ensemble.calibration.Calibrator}s whose {@code calibrate(double)} allocates nothing;
 * {@link io.aura.ensemble.calibration.EmpiricalCdf} is rank normalization against a reference
 * sample.
 */
package io.aura.ensemble.calibration;
