/**
 * The multivariate server-metrics evaluation behind {@code aura-examples.jar mts}: the SMD-layout
 * corpus loader, the named detector configurations, the alarm, event and attribution metrics.
 */
package io.aura.eval.mts;
