/**
 * Aura's ensemble module: combining models and detectors, and watching them in production.
 *
 * <ul>
 *   <li>{@link io.aura.ensemble.drift} — data drift of feature windows against a training
 *       reference (Kolmogorov–Smirnov, PSI, Wasserstein) and model drift (windowed F1 with a
 *       retrain signal);
 *   <li>{@link io.aura.ensemble.compare} — champion/challenger comparison of two pipelines
 *       (Welch's t, Cohen's d, bootstrap interval, verdict);
 *   <li>{@link io.aura.ensemble.calibration} — Platt scaling, isotonic regression and rank
 *       normalization behind one allocation-free {@code Calibrator} interface;
 *   <li>{@link io.aura.ensemble.voting} — weighted soft voting with learned simplex weights,
 *       stacking with a multinomial logistic meta-learner on out-of-fold predictions, and fusion
 *       of unsupervised detectors.
 * </ul>
 *
 * All of it works on primitive arrays; see {@code docs/ensemble.md} for the guide.
 */
package io.aura.ensemble;
