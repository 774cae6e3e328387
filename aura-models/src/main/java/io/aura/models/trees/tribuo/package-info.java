/**
 * Tribuo adapters: {@link io.aura.models.trees.tribuo.TribuoTreeImporter} (CART trees and averaged
 * forests into the engine) and {@link io.aura.models.trees.tribuo.TribuoForestTrainer} (random
 * forests and extra trees trained by Tribuo, compiled). Only this package references Tribuo
 * classes, so the optional Tribuo dependency is needed only by code that uses it.
 */
package io.aura.models.trees.tribuo;
