/**
 * LightGBM4J adapter: {@link io.aura.models.trees.lightgbm.LightGbmClassifierTrainer}. Only this
 * package references LightGBM classes, so the optional {@code lightgbm4j} dependency is needed only
 * by code that uses it.
 */
package io.aura.models.trees.lightgbm;
