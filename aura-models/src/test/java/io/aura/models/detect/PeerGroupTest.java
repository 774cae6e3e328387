package io.aura.models.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aura.features.InvalidDataException;
import io.aura.features.Labels;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PeerGroupTest {
  private static final List<String> IN = List.of("cpu_cores", "latency_p99");
  private static final long MIN = 60_000;

  private static Labels pod(int i) {
    return Labels.of("namespace", "shop", "pod", "web-" + i);
  }

  @Test
  void aReplicaThatLeavesItsSiblingsScoresHighOnThatInput() {
    PeerGroup g = PeerGroup.builder(IN).build();
    int[] id = new int[10];
    for (int i = 0; i < id.length; i++) {
      id[i] = g.join(pod(i), IN);
    }
    Random rnd = new Random(1);
    double[] row = new double[2];
    double worstNormal = 0;
    double outlier = 0;
    for (int t = 0; t < 200; t++) {
      for (int i = 0; i < id.length; i++) {
        row[0] = 1.0 + 0.05 * rnd.nextGaussian() + (i == 7 && t >= 150 ? 2.0 : 0);
        row[1] = 0.2 + 0.01 * rnd.nextGaussian();
        double s = g.update(id[i], t * MIN, row);
        if (t >= 150 && i == 7) {
          outlier = Math.min(outlier == 0 ? Double.MAX_VALUE : outlier, s);
          assertThat(g.worstInput()).isEqualTo(0);
        } else if (i != 7 && !Double.isNaN(s)) {
          worstNormal = Math.max(worstNormal, s);
        }
      }
    }
    assertThat(outlier).as("smallest score of the deviating replica").isGreaterThan(20);
    assertThat(worstNormal).as("the others are scored once warm").isGreaterThan(0);
    assertThat(worstNormal).as("largest score of the others").isLessThan(6);
  }

  @Test
  void aNodeOnWhichEveryPodSlowsAtOnceHasAHighShareButNoOutlier() {
    PeerGroup node = PeerGroup.builder(IN).build();
    int[] id = new int[8];
    for (int i = 0; i < id.length; i++) {
      id[i] = node.join(pod(i), IN);
    }
    Random rnd = new Random(2);
    double[] row = new double[2];
    double shareBefore = 0;
    double shareAfter = 1;
    double peerAfter = 0;
    for (int t = 0; t < 300; t++) {
      for (int i = 0; i < id.length; i++) {
        double level = 0.1 + 0.1 * i; // different services, different latencies
        double slow = t >= 250 ? 1.6 : 1.0; // the noisy neighbour: everyone 60 % slower
        row[0] = 0.5 + 0.02 * rnd.nextGaussian();
        row[1] = level * slow * (1 + 0.02 * rnd.nextGaussian());
        double s = node.update(id[i], t * MIN, row);
        if (t >= 100 && t < 250 && i == id.length - 1) {
          shareBefore = Math.max(shareBefore, node.share());
        }
        if (t >= 252 && i == id.length - 1) {
          shareAfter = Math.min(shareAfter, node.share());
          peerAfter = Math.max(peerAfter, s);
        }
      }
    }
    assertThat(shareBefore).isLessThanOrEqualTo(0.25);
    assertThat(shareAfter).isGreaterThanOrEqualTo(0.75);
    assertThat(peerAfter).as("no single pod stands out from the others").isLessThan(6);
  }

  @Test
  void stalePeersAndMissingValuesDoNotCount() {
    PeerGroup g = PeerGroup.builder(IN).minPeers(2).build();
    int a = g.join(pod(1), IN);
    int b = g.join(pod(2), IN);
    int c = g.join(pod(3), IN);
    double[] row = {1, 1};
    g.update(b, 0, row);
    g.update(c, 0, row);
    PeerGroup warm = PeerGroup.builder(IN).minPeers(2).warmUp(1).build();
    int[] w = {warm.join(pod(1), IN), warm.join(pod(2), IN), warm.join(pod(3), IN)};
    for (int t = 0; t < 3; t++) {
      for (int i : w) {
        warm.update(i, t * MIN, row);
      }
    }
    assertThat(warm.update(w[0], 3 * MIN, row)).isEqualTo(0.0);
    g.update(a, MIN, row);
    g.update(b, 10 * MIN, new double[] {Double.NaN, 1});
    // c is stale at 10 minutes; b has no cpu value: cpu has one peer at most, latency one: too few.
    assertThat(g.update(a, 10 * MIN, new double[] {5, 1})).isNaN();
    assertThat(g.worstInput()).isEqualTo(-1);
  }

  @Test
  void badInputIsRefusedWithTheMember() {
    PeerGroup g = PeerGroup.builder(IN).maxMembers(2).build();
    int a = g.join(pod(1), IN);
    assertThatThrownBy(() -> g.join(pod(2), List.of("cpu_cores"))).isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("web-2").hasMessageContaining("same inputs");
    assertThatThrownBy(() -> g.join(pod(1), IN)).isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("already in the group");
    g.join(pod(2), IN);
    assertThatThrownBy(() -> g.join(pod(3), IN)).isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("full");
    assertThatThrownBy(() -> g.update(a, 0, new double[] {1})).isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("sent 1 values");
    g.update(a, MIN, new double[] {1, 1});
    assertThatThrownBy(() -> g.update(a, MIN, new double[] {1, 1})).isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("does not advance");
    assertThatThrownBy(() -> g.update(a, 2 * MIN, new double[] {1, Double.POSITIVE_INFINITY}))
        .isInstanceOf(InvalidDataException.class).hasMessageContaining("latency_p99");
    g.leave(a);
    assertThatThrownBy(() -> g.update(a, 3 * MIN, new double[] {1, 1})).isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("no member at index");
    assertThat(g.join(pod(4), IN)).isEqualTo(a);
  }
}
