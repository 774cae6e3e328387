/**
 * XGBoost4J adapter: {@link io.aura.models.trees.xgboost.XGBoostClassifierTrainer}. Only this
 * package references XGBoost classes, so the optional {@code xgboost4j} dependency is needed only
 * by code that uses it.
 */
package io.aura.models.trees.xgboost;
