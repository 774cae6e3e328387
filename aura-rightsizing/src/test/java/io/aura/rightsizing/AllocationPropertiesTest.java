package io.aura.rightsizing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

class AllocationPropertiesTest {
  static final ForecastRecommender FR = ForecastRecommender.builder().build(); // fall 50 %/h

  @Property(tries = 200)
  void scheduleRisesAtOnceFallsSlowlyStaysAboveTheFloorAndIsQuantized(
      @ForAll @Size(min = 1, max = 72) List<@DoubleRange(min = 0, max = 16) Double> f,
      @ForAll @DoubleRange(min = -1, max = 4) double margin,
      @ForAll @DoubleRange(min = 0, max = 2) double floor,
      @ForAll @DoubleRange(min = 0, max = 20) double previous) {
    double[] fc = f.stream().mapToDouble(Double::doubleValue).toArray();
    double[] a = FR.allocation(Resource.CPU, fc, margin, 1.0, floor, previous);
    for (int h = 0; h < a.length; h++) {
      double target = Math.max(fc[h] + margin, floor);
      double before = h == 0 ? previous : a[h - 1];
      assertThat(a[h])
          .isGreaterThanOrEqualTo(target - 1e-9); // never below the target: rises at once
      assertThat(a[h]).isGreaterThanOrEqualTo(before * 0.5 - 1e-9); // falls at most 50 % an hour
      // no higher than needed: the larger of the target and the slow fall, rounded up to 0.01
      assertThat(a[h]).isLessThanOrEqualTo(Math.max(target, before * 0.5) + 0.01 + 1e-9);
      assertThat(Math.abs(a[h] / 0.01 - Math.rint(a[h] / 0.01))).isLessThan(1e-6);
    }
  }

  @Property(tries = 200)
  void memoryIsOneValueCoveringThePeakForecast(
      @ForAll @Size(min = 1, max = 48) List<@DoubleRange(min = 1e8, max = 1e10) Double> f,
      @ForAll @DoubleRange(min = 0, max = 1e9) double margin) {
    double[] fc = f.stream().mapToDouble(Double::doubleValue).toArray();
    double[] a = FR.allocation(Resource.MEMORY, fc, margin, 1.0, 0, Double.NaN);
    double peak = java.util.Arrays.stream(fc).max().orElseThrow();
    for (double v : a) {
      assertThat(v).isEqualTo(a[0]).isGreaterThanOrEqualTo(peak + margin - 1);
    }
  }
}
