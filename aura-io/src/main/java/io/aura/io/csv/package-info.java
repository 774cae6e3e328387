/**
 * CSV: {@link io.aura.io.csv.FrameCsv} for frames (a timestamp column plus one column per series,
 * labels on a {@code # labels:} line) and {@link io.aura.io.csv.NabCsv} for the Numenta Anomaly
 * Benchmark's {@code timestamp,value} files.
 */
package io.aura.io.csv;
