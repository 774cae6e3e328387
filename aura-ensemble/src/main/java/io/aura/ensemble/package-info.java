/** Aura's ensemble module. See the module's README section in docs/ for what it holds. */
package io.aura.ensemble;
