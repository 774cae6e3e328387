package io.aura.io.kubernetes;

import io.aura.features.Labels;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Derives {@link Incident}s from pod and node status snapshots, for what events do not show: a
 * kubelet records an OOM kill only in the container status ({@code lastState.terminated.reason =
 * OOMKilled}), and node conditions say how long a node has been under pressure.
 *
 * <p>Rules:
 *
 * <ul>
 *   <li>Pods: each container whose last termination reason is an anomaly under the taxonomy ({@code
 *       OOMKilled}, {@code Error}, {@code ContainerCannotRun}, ...) and has a {@code finishedAt}
 *       time gives an incident from that time to the container's current {@code startedAt} when it
 *       runs again, else to the termination time itself (recovery not yet seen). Identical
 *       incidents from repeated snapshots of one pod are reported once.
 *   <li>Nodes: each unhealthy condition with a {@code lastTransitionTime} gives an incident from
 *       that time to {@code asOfMillis} (the snapshot time), since it is still ongoing.
 *   <li>Current waiting states ({@code CrashLoopBackOff}, ...) carry no time and give no incident;
 *       classify them with {@link ReasonTaxonomy#classify(ContainerStatus)}.
 * </ul>
 *
 * <p>Thread safety: stateless, safe to share. Allocation: O(incidents). Complexity: O(containers +
 * conditions + incidents log incidents).
 */
public final class StatusIncidents {
  private final ReasonTaxonomy taxonomy;

  private StatusIncidents(ReasonTaxonomy taxonomy) {
    this.taxonomy = taxonomy;
  }

  /**
   * Derivation with the given taxonomy.
   *
   * @param taxonomy the taxonomy
   * @return the instance
   */
  public static StatusIncidents with(ReasonTaxonomy taxonomy) {
    return new StatusIncidents(Objects.requireNonNull(taxonomy, "taxonomy"));
  }

  /**
   * Incidents from the last terminations of the pods' containers.
   *
   * @param pods pod snapshots, in any order, possibly repeated over time
   * @return incidents sorted by start, then entity
   */
  public List<Incident> fromPods(Collection<PodStatus> pods) {
    Set<Incident> out = new LinkedHashSet<>();
    for (PodStatus p : pods) {
      Labels entity = Labels.of(Labels.NAMESPACE, p.namespace(), Labels.POD, p.name());
      for (ContainerStatus c : p.containers()) {
        if (c.lastTerminationReason().isEmpty() || c.lastTerminationMillis() == Long.MIN_VALUE) {
          continue;
        }
        Classification k =
            taxonomy.classify(
                ReasonTaxonomy.Source.TERMINATED, c.lastTerminationReason(), "", true);
        if (!k.isAnomaly()) {
          continue;
        }
        long start = c.lastTerminationMillis();
        long end =
            c.state() == ContainerStatus.State.RUNNING && c.startedMillis() >= start
                ? c.startedMillis()
                : start;
        out.add(
            new Incident(
                k.type(), k.severity(), entity, c.name(), c.lastTerminationReason(), start, end));
      }
    }
    return sorted(out);
  }

  /**
   * Incidents from the nodes' unhealthy conditions, ongoing at the snapshot time.
   *
   * @param nodes node snapshots
   * @param asOfMillis when the snapshot was taken, epoch milliseconds
   * @return incidents sorted by start, then entity
   */
  public List<Incident> fromNodes(Collection<NodeStatus> nodes, long asOfMillis) {
    Set<Incident> out = new LinkedHashSet<>();
    for (NodeStatus n : nodes) {
      for (NodeCondition c : n.conditions()) {
        Classification k = taxonomy.classify(c);
        if (!k.isAnomaly()
            || c.lastTransitionMillis() == Long.MIN_VALUE
            || c.lastTransitionMillis() > asOfMillis) {
          continue;
        }
        out.add(
            new Incident(
                k.type(),
                k.severity(),
                Labels.of(Labels.NODE, n.name()),
                "",
                c.type(),
                c.lastTransitionMillis(),
                asOfMillis));
      }
    }
    return sorted(out);
  }

  private static List<Incident> sorted(Set<Incident> set) {
    List<Incident> l = new ArrayList<>(set);
    l.sort(
        Comparator.comparingLong(Incident::startMillis)
            .thenComparing(i -> i.entity().toString())
            .thenComparing(Incident::container));
    return List.copyOf(l);
  }
}
