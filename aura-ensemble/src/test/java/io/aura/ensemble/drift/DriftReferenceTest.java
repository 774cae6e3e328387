package io.aura.ensemble.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.aura.features.FeatureSchema;
import io.aura.features.InvalidDataException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DriftReferenceTest {
  private static final FeatureSchema SCHEMA = FeatureSchema.of("cpu", "mem");

  private static double[][] matrix(int n, double cpuShift, double memShift) {
    double[][] m = new double[n][2];
    for (int i = 0; i < n; i++) {
      m[i][0] = i + cpuShift;
      m[i][1] = (i * 37 % n) + memShift;
    }
    return m;
  }

  @Test
  void decileEdgesAndEqualProportions() {
    DriftReference ref = DriftReference.of(SCHEMA, matrix(1000, 0, 0));
    assertThat(ref.binEdges(0)).containsExactly(99, 199, 299, 399, 499, 599, 699, 799, 899);
    for (double p : ref.binProportions(0)) {
      assertThat(p).isCloseTo(0.1, within(1e-15));
    }
    assertThat(ref.memoryBytes()).isGreaterThanOrEqualTo(2 * 8 * 1000L);
  }

  @Test
  void identicalWindowShowsNoDrift() {
    DriftReference ref = DriftReference.of(SCHEMA, matrix(1000, 0, 0));
    DataDrift drift = ref.assess(matrix(1000, 0, 0));
    for (DriftReport r : drift.reports()) {
      assertThat(r.ksStatistic()).isEqualTo(0.0);
      assertThat(r.psi()).isEqualTo(0.0);
      assertThat(r.wasserstein()).isEqualTo(0.0);
      assertThat(r.ksPValue()).isEqualTo(1.0);
      assertThat(r.drifted()).isFalse();
    }
    assertThat(drift.anyDrifted()).isFalse();
  }

  @Test
  void shiftedFeatureIsFlaggedWithHandComputedMeasures() {
    DriftReference ref = DriftReference.of(SCHEMA, matrix(1000, 0, 0));
    DataDrift drift = ref.assess(matrix(1000, 500, 0));
    DriftReport cpu = drift.report(0);
    assertThat(cpu.ksStatistic()).isCloseTo(0.5, within(1e-12));
    assertThat(cpu.wasserstein()).isCloseTo(500, within(1e-9));
    // current 500..1499 over bins (-inf,99],...,(899,inf): five empty bins, four at 0.1, one at 0.6
    double eps = 1e-4;
    double psi = 5 * (eps - 0.1) * Math.log(eps / 0.1) + (0.6 - 0.1) * Math.log(0.6 / 0.1);
    assertThat(cpu.psi()).isCloseTo(psi, within(1e-9));
    assertThat(cpu.psiDrifted()).isTrue();
    assertThat(cpu.psiBand()).isEqualTo(DriftReport.PsiBand.SIGNIFICANT);
    assertThat(drift.report(1).psiBand()).isEqualTo(DriftReport.PsiBand.STABLE);
    assertThat(cpu.ksDrifted()).isTrue();
    assertThat(drift.report(1).drifted()).isFalse();
    assertThat(drift.driftedFeatures()).containsExactly("cpu");
  }

  @Test
  void smallNoiseIsNotFlaggedButGaussianShiftIs() {
    Random rnd = new Random(5);
    double[][] train = new double[5000][2];
    for (double[] row : train) {
      row[0] = rnd.nextGaussian();
      row[1] = rnd.nextGaussian();
    }
    DriftReference ref = DriftReference.of(SCHEMA, train);
    double[][] window = new double[300][2];
    for (double[] row : window) {
      row[0] = rnd.nextGaussian();
      row[1] = rnd.nextGaussian() * 1.0 + 1.0;
    }
    DataDrift drift = ref.assess(window);
    assertThat(drift.report(0).drifted()).isFalse();
    assertThat(drift.report(0).psi()).isLessThan(0.1);
    assertThat(drift.report(1).drifted()).isTrue();
    assertThat(drift.report(1).wassersteinScaled()).isCloseTo(1.0, within(0.2));
  }

  @Test
  void nanIsIgnoredAndCounted() {
    double[][] train = matrix(100, 0, 0);
    train[3][1] = Double.NaN;
    DriftReference ref = DriftReference.of(SCHEMA, train);
    assertThat(ref.referenceMissing(1)).isEqualTo(1);
    assertThat(ref.sortedReference(1)).hasSize(99);
    double[][] window = matrix(100, 0, 0);
    for (int i = 0; i < 100; i++) {
      window[i][0] = Double.NaN;
    }
    window[0][1] = Double.NaN;
    window[1][1] = Double.NaN;
    DataDrift drift = ref.assess(window);
    DriftReport cpu = drift.report(0);
    assertThat(cpu.currentCount()).isZero();
    assertThat(cpu.currentMissing()).isEqualTo(100);
    assertThat(cpu.psi()).isNaN();
    assertThat(cpu.psiBand()).isEqualTo(DriftReport.PsiBand.UNDEFINED);
    assertThat(cpu.ksStatistic()).isNaN();
    assertThat(cpu.drifted()).isFalse();
    DriftReport mem = drift.report(1);
    assertThat(mem.currentCount()).isEqualTo(98);
    assertThat(mem.currentMissing()).isEqualTo(2);
    assertThat(mem.currentMissingFraction()).isCloseTo(0.02, within(1e-15));
  }

  @Test
  void tooFewValuesAreMeasuredButNotFlagged() {
    DriftReference ref = DriftReference.of(SCHEMA, matrix(1000, 0, 0));
    DriftReport r = ref.assessFeature(0, new double[] {5000, 5001, 5002});
    assertThat(r.ksStatistic()).isEqualTo(1.0);
    assertThat(r.enoughData()).isFalse();
    assertThat(r.drifted()).isFalse();
    DriftReference loose =
        DriftReference.of(SCHEMA, matrix(1000, 0, 0), DriftOptions.builder().minSamples(3).build());
    assertThat(loose.assessFeature(0, new double[] {5000, 5001, 5002}).psiDrifted()).isTrue();
  }

  @Test
  void constantReferenceStillDetectsAShift() {
    double[][] train = new double[200][2];
    for (double[] row : train) {
      row[0] = 1;
      row[1] = 2;
    }
    DriftReference ref = DriftReference.of(SCHEMA, train);
    assertThat(ref.binEdges(0)).containsExactly(1.0);
    double[][] window = new double[50][2];
    for (double[] row : window) {
      row[0] = 3;
      row[1] = 2;
    }
    DataDrift drift = ref.assess(window);
    assertThat(drift.report(0).drifted()).isTrue();
    assertThat(drift.report(0).wassersteinScaled()).isInfinite();
    assertThat(drift.report(1).drifted()).isFalse();
    assertThat(drift.report(1).wassersteinScaled()).isEqualTo(0.0);
  }

  @Test
  void cappedReferenceApproximatesTheFullOne() {
    Random rnd = new Random(8);
    double[][] train = new double[50_000][2];
    for (double[] row : train) {
      row[0] = rnd.nextGaussian();
      row[1] = rnd.nextDouble();
    }
    double[][] window = new double[500][2];
    for (double[] row : window) {
      row[0] = rnd.nextGaussian() + 0.2;
      row[1] = rnd.nextDouble();
    }
    DriftReference full = DriftReference.of(SCHEMA, train);
    DriftReference capped =
        DriftReference.of(SCHEMA, train, DriftOptions.builder().maxReferenceValues(1000).build());
    assertThat(capped.sortedReference(0)).hasSize(1000);
    assertThat(capped.referenceCount(0)).isEqualTo(50_000);
    assertThat(capped.memoryBytes()).isLessThan(full.memoryBytes() / 40);
    assertThat(capped.binEdges(0)).containsExactly(full.binEdges(0));
    DataDrift a = full.assess(window);
    DataDrift b = capped.assess(window);
    for (int j = 0; j < 2; j++) {
      assertThat(b.report(j).ksStatistic())
          .isCloseTo(a.report(j).ksStatistic(), within(1.0 / 1000 + 1e-12));
      assertThat(b.report(j).wasserstein()).isCloseTo(a.report(j).wasserstein(), within(0.01));
      assertThat(b.report(j).psi()).isEqualTo(a.report(j).psi());
      assertThat(b.report(j).referenceCount()).isEqualTo(50_000);
    }
  }

  @Test
  void namedWindowMustMatchTheSchema() {
    DriftReference ref = DriftReference.of(SCHEMA, matrix(100, 0, 0));
    assertThat(ref.assess(FeatureSchema.of("cpu", "mem"), matrix(100, 0, 0)).anyDrifted())
        .isFalse();
    assertThatThrownBy(() -> ref.assess(FeatureSchema.of("mem", "cpu"), matrix(100, 0, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cpu");
  }

  @Test
  void badInputsAreRejected() {
    assertThatThrownBy(() -> DriftReference.of(SCHEMA, new double[0][]))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("training matrix has no rows");
    assertThatThrownBy(() -> DriftReference.of(SCHEMA, new double[][] {{1, 2}, {3}}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("row 1 has 1 values");
    assertThatThrownBy(
            () -> DriftReference.of(SCHEMA, new double[][] {{1, Double.NaN}, {3, Double.NaN}}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("feature 'mem'")
        .hasMessageContaining("all 2 rows are NaN");
    assertThatThrownBy(
            () -> DriftReference.of(SCHEMA, new double[][] {{1, Double.POSITIVE_INFINITY}}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("row 0, feature 'mem' is Infinity");
    DriftReference ref = DriftReference.of(SCHEMA, matrix(10, 0, 0));
    assertThatThrownBy(() -> ref.assess(new double[][] {{1, 2, 3}}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("window row 0 has 3 values");
    assertThatThrownBy(() -> ref.assessFeature(1, new double[0]))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("'mem' are empty");
  }
}
