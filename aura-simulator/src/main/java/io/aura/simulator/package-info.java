/**
 * A seeded, deterministic Kubernetes cluster simulator with injected faults and ground truth:
 * {@link io.aura.simulator.ClusterSimulator} produces a {@link io.aura.simulator.Simulation}
 * holding per-pod metrics ({@link io.aura.simulator.SimulatedMetric}), the Kubernetes events a real
 * cluster would emit, and {@link io.aura.simulator.GroundTruth}. See {@code docs/simulator.md}.
 */
package io.aura.simulator;
