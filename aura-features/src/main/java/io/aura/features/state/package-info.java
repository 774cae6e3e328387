/**
 * A compact binary codec for the state of streaming objects (feature streams, detector and
 * pipeline sessions), so that an engine such as Flink or Spark can checkpoint a session and resume
 * it elsewhere with bit-identical results. Never Java serialization: each state is a versioned,
 * checksummed byte string whose layout its owner documents; {@link io.aura.features.state.StateWriter}
 * writes it and {@link io.aura.features.state.StateReader} validates and reads it.
 */
package io.aura.features.state;
