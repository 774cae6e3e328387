package io.aura.rightsizing;

/** A container resource: CPU in cores, memory in bytes. */
public enum Resource {
  /** CPU, in cores. */
  CPU,
  /** Memory (working set), in bytes. */
  MEMORY
}
