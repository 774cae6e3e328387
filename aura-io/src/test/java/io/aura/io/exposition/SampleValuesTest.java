package io.aura.io.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class SampleValuesTest {

  @Test
  void prometheusSpellings() {
    assertThat(SampleValues.parse("NaN")).isNaN();
    assertThat(SampleValues.parse("nan")).isNaN();
    assertThat(SampleValues.parse("+Inf")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(SampleValues.parse("Inf")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(SampleValues.parse("-Inf")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(SampleValues.parse("-infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(SampleValues.parse("1.5e-3")).isEqualTo(0.0015);
    assertThat(SampleValues.parse("-0"))
        .isEqualTo(-0.0)
        .matches(d -> Double.doubleToRawLongBits(d) != 0);
    assertThat(SampleValues.parse(".5")).isEqualTo(0.5);
    assertThat(SampleValues.parse("5.")).isEqualTo(5.0);
    assertThat(SampleValues.parse("1.7976931348623157e308")).isEqualTo(Double.MAX_VALUE);
    assertThat(SampleValues.parse("4.9e-324")).isEqualTo(Double.MIN_VALUE);
    assertThat(SampleValues.parse("12345678901234567890123")).isEqualTo(1.2345678901234568E22);
    for (String bad :
        new String[] {
          "", "abc", "1.0f", "1d", "0x1p3", "1e", "--1", "1..2", "Infinit", "1 2", "+"
        }) {
      assertThatThrownBy(() -> SampleValues.parse(bad))
          .as(bad)
          .isInstanceOf(NumberFormatException.class);
    }
    assertThat(SampleValues.format(Double.NaN)).isEqualTo("NaN");
    assertThat(SampleValues.format(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    assertThat(SampleValues.format(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
    assertThat(SampleValues.format(3.0)).isEqualTo("3");
    assertThat(SampleValues.format(-0.0)).isEqualTo("-0");
    assertThat(SampleValues.format(0.25)).isEqualTo("0.25");
  }

  @Test
  void secondsAreExact() {
    assertThat(SampleValues.parseSeconds("1700000000.123")).isEqualTo(1700000000123L);
    assertThat(SampleValues.parseSeconds("1700000000.1235")).isEqualTo(1700000000124L);
    assertThat(SampleValues.parseSeconds("1700000000")).isEqualTo(1700000000000L);
    assertThat(SampleValues.parseSeconds("1.7e9")).isEqualTo(1700000000000L);
    assertThat(SampleValues.parseSeconds("-0.5")).isEqualTo(-500L);
    assertThatThrownBy(() -> SampleValues.parseSeconds("NaN"))
        .isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> SampleValues.parseSeconds("12:00"))
        .isInstanceOf(NumberFormatException.class);
    assertThat(SampleValues.formatSeconds(1700000000120L, new StringBuilder()).toString())
        .isEqualTo("1700000000.12");
    assertThat(SampleValues.formatSeconds(-1500L, new StringBuilder()).toString())
        .isEqualTo("-1.5");
    assertThat(SampleValues.formatSeconds(-1000L, new StringBuilder()).toString()).isEqualTo("-1");
    assertThat(SampleValues.formatSeconds(5L, new StringBuilder()).toString()).isEqualTo("0.005");
  }

  @Property(tries = 3000)
  void everyDoubleRoundTrips(@ForAll long bits) {
    double v = Double.longBitsToDouble(bits);
    double back = SampleValues.parse(SampleValues.format(v));
    if (Double.isNaN(v)) {
      assertThat(back).isNaN();
    } else {
      assertThat(Double.doubleToRawLongBits(back)).isEqualTo(Double.doubleToRawLongBits(v));
    }
  }

  @Property(tries = 3000)
  void decimalParsingMatchesTheJdk(
      @ForAll @LongRange(min = 0, max = 999_999_999_999_999_999L) long mantissa,
      @ForAll @IntRange(min = 0, max = 19) int point,
      @ForAll @IntRange(min = -40, max = 40) int exp,
      @ForAll boolean negative) {
    String digits = Long.toString(mantissa);
    int p = Math.min(point, digits.length());
    String text =
        (negative ? "-" : "") + digits.substring(0, p) + "." + digits.substring(p) + "e" + exp;
    if (p == 0 && digits.isEmpty()) {
      return;
    }
    assertThat(SampleValues.parse(text)).as(text).isEqualTo(Double.parseDouble(text));
  }

  @Property(tries = 1000)
  void millisecondsRoundTripThroughSeconds(
      @ForAll @LongRange(min = -4_000_000_000_000L, max = 4_000_000_000_000L) long ms) {
    assertThat(SampleValues.parseSeconds(SampleValues.formatSeconds(ms, new StringBuilder())))
        .isEqualTo(ms);
  }
}
