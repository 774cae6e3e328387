package io.aura.models.persist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class ModelFilePropertiesTest {

  @Property(tries = 200)
  void arraysRoundTripBitExactly(
      @ForAll @Size(max = 50) double[] doubles,
      @ForAll @Size(max = 50) int[] ints,
      @ForAll @Size(max = 10) List<String> strings,
      @ForAll long l)
      throws Exception {
    byte[] bytes =
        ModelFileWriter.create("prop.kind", 1)
            .putDoubles("d", doubles)
            .putInts("i", ints)
            .putStrings("s", strings)
            .putLong("l", l)
            .toBytes();
    ModelFile f = ModelFile.fromBytes(bytes, "prop", "prop.kind", 1);
    double[] back = f.getDoubles("d");
    assertThat(back).hasSameSizeAs(doubles);
    for (int k = 0; k < doubles.length; k++) {
      assertThat(Double.doubleToRawLongBits(back[k]))
          .isEqualTo(Double.doubleToRawLongBits(doubles[k]));
    }
    assertThat(f.getInts("i")).containsExactly(ints);
    assertThat(f.getStrings("s")).containsExactlyElementsOf(strings);
    assertThat(f.getLong("l")).isEqualTo(l);
  }
}
