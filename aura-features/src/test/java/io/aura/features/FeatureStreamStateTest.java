package io.aura.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Snapshot and resume of a feature stream continue bit for bit, and bad states are refused. */
class FeatureStreamStateTest {
  private static final long MINUTE = 60_000;
  private static final long T0 = 1_700_000_000_000L - 1_700_000_000_000L % MINUTE;
  private static final FeatureSpec POD = KubernetesFeatures.podFeatures(Duration.ofMinutes(1));

  /**
   * For a random cut, snapshot → resume → the rest equals the uninterrupted run on every feature,
   * bit for bit, through missing values, gaps (skipped scrapes) and counter resets; a snapshot of
   * the resumed stream is byte-identical to the one it came from.
   */
  @Property(tries = 40)
  void resumedStreamContinuesBitForBit(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 300) int rows,
      @ForAll @IntRange(min = 0, max = 299) int cutAt,
      @ForAll @IntRange(min = 0, max = 30) int nanPercent,
      @ForAll @IntRange(min = 0, max = 30) int gapPercent) {
    Frame frame = PodMetricsFixture.frame(seed, rows, T0, MINUTE, nanPercent, gapPercent);
    int cut = Math.min(cutAt, rows);
    FeatureStream whole = POD.newStream();
    FeatureStream first = POD.newStream();
    double[] in = new double[frame.columnCount()];
    double[] a = new double[POD.schema().size()];
    double[] b = new double[a.length];
    FeatureStream second = null;
    for (int r = 0; r < rows; r++) {
      if (r == cut) {
        byte[] state = first.snapshot();
        second = POD.resumeStream(state, "pod " + seed);
        assertThat(second.snapshot()).as("canonical bytes").isEqualTo(state);
        assertThat(second.lastTimestamp()).isEqualTo(first.lastTimestamp());
      }
      frame.row(r, in);
      if (Arrays.stream(in).allMatch(Double::isNaN)) {
        continue; // a failed scrape: neither stream hears of it, which makes a gap
      }
      whole.update(frame.timestamp(r), in, a);
      (r < cut ? first : second).update(frame.timestamp(r), in, b);
      for (int f = 0; f < a.length; f++) {
        if (Double.doubleToRawLongBits(a[f]) != Double.doubleToRawLongBits(b[f])) {
          assertThat(b[f]).as("feature %s at row %d, cut at %d", POD.schema().name(f), r, cut).isEqualTo(a[f]);
        }
      }
    }
    FeatureStream end = second == null ? first : second;
    assertThat(end.snapshot()).isEqualTo(whole.snapshot());
  }

  @Test
  void aFreshStreamRoundTripsAndAResumedStreamRejectsWhatTheOriginalWould() {
    FeatureStream s = POD.newStream();
    FeatureStream r = POD.resumeStream(s.snapshot(), "fresh");
    assertThat(r.lastTimestamp()).isEqualTo(Long.MIN_VALUE);
    double[] in = new double[POD.inputNames().size()];
    Arrays.fill(in, 1);
    r.update(T0, in);
    FeatureStream again = POD.resumeStream(r.snapshot(), "again");
    assertThatThrownBy(() -> again.update(T0, in)).isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("repeats the previous one");
  }

  @Test
  void everyCorruptedByteIsRefusedWithTheSource() {
    FeatureStream s = POD.newStream();
    Frame frame = PodMetricsFixture.frame(3, 50, T0, MINUTE, 10, 0);
    double[] in = new double[frame.columnCount()];
    for (int r = 0; r < frame.rows(); r++) {
      frame.row(r, in);
      s.update(frame.timestamp(r), in);
    }
    byte[] state = s.snapshot();
    for (int i = 0; i < state.length; i += Math.max(1, state.length / 97)) {
      byte[] bad = state.clone();
      bad[i] ^= 0x10;
      assertThatThrownBy(() -> POD.resumeStream(bad, "pod web-1")).as("byte %d", i)
          .isInstanceOf(InvalidDataException.class).hasMessageContaining("pod web-1");
    }
    assertThatThrownBy(() -> POD.resumeStream(Arrays.copyOf(state, state.length - 9), "pod web-1"))
        .isInstanceOf(InvalidDataException.class).hasMessageContaining("pod web-1");
  }

  @Test
  void aStateFromAnotherFeatureSetIsRefusedClearly() {
    byte[] state = POD.newStream().snapshot();
    FeatureSpec otherStep = KubernetesFeatures.podFeatures(Duration.ofSeconds(30));
    assertThatThrownBy(() -> otherStep.resumeStream(state, "pod web-1"))
        .isInstanceOf(InvalidDataException.class).hasMessageContaining("pod web-1");
    FeatureSpec small = FeatureSpec.builder(Duration.ofMinutes(1)).gauge("cpu").calendar(ZoneOffset.UTC).build();
    assertThatThrownBy(() -> small.resumeStream(state, "pod web-1"))
        .isInstanceOf(InvalidDataException.class).hasMessageContaining("other features");
  }
}
