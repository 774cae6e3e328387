package io.aura.eval.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.aura.features.InvalidDataException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NabProtocolTest {

  @Test
  void fileInfoIsTheFilesMinimumMaximumAndLength() {
    NabFile f = NabSelectionTest.corpus().get(0);
    NabFileInfo info = NabFileInfo.of(f);
    assertThat(info.min()).isEqualTo(1);
    assertThat(info.max()).isEqualTo(50);
    assertThat(info.rows()).isEqualTo(100);
    assertThat(info.probationRows()).isEqualTo(15);
    assertThat(new NabFileInfo(0, 0, 2000).probationRows()).isEqualTo(300);
    assertThat(new NabFileInfo(0, 0, 100_000).probationRows()).isEqualTo(750);
    assertThatThrownBy(() -> new NabFileInfo(2, 1, 10)).isInstanceOf(IllegalArgumentException.class);
    NabFile nan = new NabFile("cat/nan.csv", f.timestamps(), withNaN(f.values()), f.windows());
    assertThatThrownBy(() -> NabFileInfo.of(nan)).isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("cat/nan.csv");
  }

  private static double[] withNaN(double[] v) {
    double[] c = v.clone();
    c[7] = Double.NaN;
    return c;
  }

  @Test
  void theCausalProtocolRefusesDetectorsThatReadTheMetadata() {
    List<NabFile> files = NabSelectionTest.corpus();
    NabDetectors peeking = NabDetectors.withFileInfo("max", i -> new NabSelectionTest.Above(i.max() - 1));
    assertThatThrownBy(() -> NabBenchmark.score(files, peeking, NabProtocol.CAUSAL))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("causal protocol")
        .hasMessageContaining("max");
    List<NabSelection.Candidate> c = List.of(new NabSelection.Candidate("above6", () -> new NabSelectionTest.Above(6)),
        new NabSelection.Candidate("peek", peeking));
    assertThatThrownBy(() -> NabSelection.select(files, c, NabSelection.Half.EVEN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'peek'");
    assertThat(NabDetectors.causal(() -> new NabSelectionTest.Above(6)).uses()).isEqualTo("none");
  }

  @Test
  void theNabProtocolHandsEachFileItsOwnMetadata() {
    List<NabFile> files = NabSelectionTest.corpus();
    List<NabFileInfo> seen = new ArrayList<>();
    NabDetectors peeking = NabDetectors.withFileInfo("min, max, rows", i -> {
      seen.add(i);
      return new NabSelectionTest.Above(i.max() - 1); // fires only at each file's own maximum
    });
    List<double[]> s = NabBenchmark.score(files, peeking, NabProtocol.NAB);
    assertThat(seen).extracting(NabFileInfo::max).containsExactly(50.0, 8.0, 50.0, 8.0);
    assertThat(seen).extracting(NabFileInfo::rows).containsOnly(100);
    for (double[] scores : s) {
      assertThat(scores[60]).isEqualTo(0.9); // the spike, in every file
    }
    assertThat(s.get(0)[30]).isZero(); // the 8 outside the window is below file 0's maximum
    // A causal factory runs unchanged under the NAB protocol.
    assertThat(NabBenchmark.score(files, NabDetectors.causal(() -> new NabSelectionTest.Above(6)), NabProtocol.NAB))
        .usingRecursiveComparison().isEqualTo(NabBenchmark.score(files, () -> new NabSelectionTest.Above(6)));
  }

  @Test
  void twoFoldMeanIsTheMeanOfTheTransferredHalvesWithADeterministicInterval() {
    List<NabFile> files = NabSelectionTest.corpus();
    NabSelection.Outcome even = NabSelection.select(files, NabSelectionTest.candidates(), NabSelection.Half.EVEN);
    NabSelection.Outcome odd = NabSelection.select(files, NabSelectionTest.candidates(), NabSelection.Half.ODD);
    for (NabProfile p : NabProfile.ALL) {
      NabTwoFold.Estimate e = NabTwoFold.heldOutMean(even, odd, p, 500, 14);
      // the per-file sums reproduce NAB's corpus figures exactly
      assertThat(e.heldOutOdd()).isCloseTo(even.heldOutTransferred().get(p.name()), within(1e-9));
      assertThat(e.heldOutEven()).isCloseTo(odd.heldOutTransferred().get(p.name()), within(1e-9));
      assertThat(e.mean()).isCloseTo((e.heldOutOdd() + e.heldOutEven()) / 2, within(1e-12));
      assertThat(e.lower()).isLessThanOrEqualTo(e.upper());
      assertThat(NabTwoFold.heldOutMean(even, odd, p, 500, 14)).isEqualTo(e);
      assertThat(e.resamples()).isEqualTo(500);
    }
    assertThatThrownBy(() -> NabTwoFold.heldOutMean(odd, even, NabProfile.STANDARD, 500, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("even half");
    assertThatThrownBy(() -> NabTwoFold.heldOutMean(even, odd, NabProfile.STANDARD, 10, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("100 resamples");
  }
}
