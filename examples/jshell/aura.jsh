// Aura in JShell: the feature engine at hand, like a notebook.
// Start it with examples/jshell/aura (after ./mvnw -q -DskipTests package).
import io.aura.features.*;
import java.time.*;
import java.util.*;

// The default Kubernetes pod feature set at a 15 s scrape step.
FeatureSpec pod = KubernetesFeatures.podFeatures(Duration.ofSeconds(15));

// A tiny series to play with: memory of one pod, one sample per 15 s.
TimeSeries memory = TimeSeries.of("container_memory_working_set_bytes",
    Labels.of("namespace", "shop", "pod", "web-1"),
    new long[] {0, 15_000, 30_000, 45_000},
    new double[] {100e6, 110e6, Double.NaN, 140e6});

// Rolling statistics on anything: RollingWindow w = RollingWindow.of(20); w.push(x); w.median();
System.out.println("Aura loaded: pod = " + pod.schema().size() + " features from " + pod.inputNames().size()
    + " inputs; try pod.schema().names(), memory, RollingWindow.of(5)");
