/**
 * A seeded, deterministic Kubernetes cluster simulator with injected faults and ground truth:
 * {@link io.aura.io.simulator.ClusterSimulator} produces a {@link io.aura.io.simulator.Simulation}
 * holding per-pod metrics ({@link io.aura.io.simulator.SimulatedMetric}), the Kubernetes events a
 * real cluster would emit, and {@link io.aura.io.simulator.GroundTruth}. See {@code
 * docs/simulator.md}.
 */
package io.aura.io.simulator;
