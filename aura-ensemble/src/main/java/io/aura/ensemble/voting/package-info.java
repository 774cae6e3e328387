/**
 * Combining classifiers and detectors. Classifiers are given as probability matrices ({@code
 * double[model][sample][class]}): {@link io.aura.ensemble.voting.SoftVotingTrainer} learns
 * log-likelihood-optimal simplex weights for a {@link io.aura.ensemble.voting.WeightedSoftVote};
 * {@link io.aura.ensemble.voting.StackingTrainer} fits a multinomial logistic meta-learner
 * ({@link io.aura.ensemble.voting.StackedEnsemble}) on out-of-fold predictions assembled with
 * {@link io.aura.ensemble.voting.KFold}. {@link io.aura.ensemble.voting.DetectorFusion} fuses
 * unsupervised detectors' scores after rank or calibration normalization.
 */
package io.aura.ensemble.voting;
