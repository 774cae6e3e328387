/**
 * Tribuo adapter: {@link io.aura.models.trees.tribuo.TribuoTreeImporter}. Only this package
 * references Tribuo classes, so the optional Tribuo dependency is needed only by code that uses it.
 */
package io.aura.models.trees.tribuo;
