/**
 * Kubernetes events, pod and node status, and automatic anomaly labels.
 *
 * <ul>
 *   <li>Reading: {@link io.aura.io.kubernetes.KubectlJson} reads {@code kubectl get
 *       events|pods|nodes -o json} (core/v1 and events.k8s.io/v1 events) into immutable {@link
 *       io.aura.io.kubernetes.KubeEvent}, {@link io.aura.io.kubernetes.PodStatus} and {@link
 *       io.aura.io.kubernetes.NodeStatus}; {@link io.aura.io.kubernetes.KubernetesApi} reads the
 *       same live from an API server with the fabric8 client (list, then watch by resource
 *       version).
 *   <li>Labelling: {@link io.aura.io.kubernetes.ReasonTaxonomy} maps reasons to an {@link
 *       io.aura.features.anomaly.AnomalyType} and {@link io.aura.features.anomaly.Severity}; {@link
 *       io.aura.io.kubernetes.EventIncidents} turns events into {@link
 *       io.aura.io.kubernetes.Incident}s, and {@link io.aura.io.kubernetes.StatusIncidents} does
 *       the same from pod and node status (OOM kills show only there); {@link
 *       io.aura.io.kubernetes.IncidentLabeler} turns incidents into per-row {@link
 *       io.aura.io.kubernetes.RowLabels} ({@code pre-incident}, {@code incident}) over a {@link
 *       io.aura.features.Frame}.
 * </ul>
 *
 * <p>Only {@link io.aura.io.kubernetes.KubernetesApi} needs the optional {@code
 * io.fabric8:kubernetes-client} dependency.
 */
package io.aura.io.kubernetes;
