/**
 * Gradient-boosted trees: {@link io.aura.models.trees.TreeEnsemble}, a compiled float32 inference
 * engine; importers for XGBoost (JSON/UBJSON), LightGBM (text) and CatBoost (JSON) models; exact
 * TreeSHAP ({@link io.aura.models.trees.TreeShap}); and a small classifier API ({@link
 * io.aura.models.trees.ClassifierTrainer} → {@link io.aura.models.trees.Classifier}) whose native
 * adapters live in the {@code xgboost} and {@code lightgbm} sub-packages. See {@code
 * docs/trees.md}.
 */
package io.aura.models.trees;
