package io.aura.models.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {

  private static ModelFileWriter small() {
    return ModelFileWriter.create("test.kind", 2)
        .putInt("i", -7)
        .putLong("l", Long.MIN_VALUE + 3)
        .putDouble("d", -0.0)
        .putString("s", "héllo")
        .putInts("ia", new int[] {1, -2, 3})
        .putLongs("la", new long[] {5L})
        .putDoubles("da", new double[] {Double.NaN, 1e-300, Double.POSITIVE_INFINITY})
        .putFloats("fa", new float[] {1.5f})
        .putBytes("b", new byte[] {0, (byte) 255})
        .putStrings("names", List.of("cpu", "", "mém"));
  }

  @Test
  void roundTripsEverySectionTypeBitExactly() throws Exception {
    ModelFile f = ModelFile.fromBytes(small().toBytes(), "mem", "test.kind", 2);
    assertThat(f.kind()).isEqualTo("test.kind");
    assertThat(f.modelVersion()).isEqualTo(2);
    assertThat(f.sectionNames()).containsExactly("i", "l", "d", "s", "ia", "la", "da", "fa", "b", "names");
    assertThat(f.getInt("i")).isEqualTo(-7);
    assertThat(f.getLong("l")).isEqualTo(Long.MIN_VALUE + 3);
    assertThat(Double.doubleToRawLongBits(f.getDouble("d"))).isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(f.getString("s")).isEqualTo("héllo");
    assertThat(f.getInts("ia")).containsExactly(1, -2, 3);
    assertThat(f.getLongs("la")).containsExactly(5L);
    assertThat(f.getDoubles("da")).containsExactly(Double.NaN, 1e-300, Double.POSITIVE_INFINITY);
    assertThat(f.getFloats("fa")).containsExactly(1.5f);
    assertThat(f.getBytes("b")).containsExactly(0, (byte) 255);
    assertThat(f.getStrings("names")).containsExactly("cpu", "", "mém");
    assertThatThrownBy(() -> f.getInt("missing"))
        .isInstanceOf(ModelFileException.class).hasMessageContaining("missing section 'missing'");
    assertThatThrownBy(() -> f.getDoubles("ia"))
        .isInstanceOf(ModelFileException.class).hasMessageContaining("INT_ARRAY");
  }

  @Test
  void everySingleByteCorruptionIsDetected() throws Exception {
    byte[] good = small().toBytes();
    int checked = 0;
    for (int offset = 0; offset < good.length; offset++) {
      for (int delta = 1; delta < 256; delta++) {
        byte[] bad = good.clone();
        bad[offset] = (byte) (bad[offset] ^ delta);
        int at = offset;
        assertThatThrownBy(() -> ModelFile.fromBytes(bad, "corrupt", "test.kind", 2))
            .as("corruption at offset %d", at)
            .isInstanceOf(ModelFileException.class);
        checked++;
      }
    }
    assertThat(checked).isEqualTo(good.length * 255);
  }

  @Test
  void everyTruncationAndExtensionIsRejected() {
    byte[] good = small().toBytes();
    for (int len = 0; len < good.length; len++) {
      byte[] cut = java.util.Arrays.copyOf(good, len);
      assertThatThrownBy(() -> ModelFile.fromBytes(cut, "cut", "test.kind", 2))
          .isInstanceOf(ModelFileException.class);
    }
    byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
    assertThatThrownBy(() -> ModelFile.fromBytes(longer, "long", "test.kind", 2))
        .isInstanceOf(ModelFileException.class);
  }

  @Test
  void rejectsOtherKindsNewerVersionsAndForeignFiles() {
    byte[] good = small().toBytes();
    assertThatThrownBy(() -> ModelFile.fromBytes(good, "f", "other.kind", 2))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("holds a 'test.kind' model, expected 'other.kind'");
    assertThatThrownBy(() -> ModelFile.fromBytes(good, "f", "test.kind", 1))
        .isInstanceOf(ModelFileException.class).hasMessageContaining("model version 2");
    assertThatThrownBy(() -> ModelFile.fromBytes("{\"json\":true}".getBytes(), "f.json", "test.kind", 2))
        .isInstanceOf(ModelFileException.class).hasMessageContaining("f.json").hasMessageContaining("magic");
    assertThatThrownBy(() -> ModelFileWriter.create("k", 1).putInt("x", 1).putInt("x", 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate");
  }

  @Test
  void writesAtomicallyAndLeavesNoTemporaryFiles(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("model.aura");
    small().writeAtomically(file);
    ModelFileWriter.create("test.kind", 1).putInt("i", 42).writeAtomically(file); // replaces
    assertThat(ModelFile.read(file, "test.kind", 2).getInt("i")).isEqualTo(42);
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s).containsExactly(file);
    }
    Path missingDir = dir.resolve("no/such/dir/model.aura");
    assertThatThrownBy(() -> small().writeAtomically(missingDir)).isInstanceOf(java.io.IOException.class);
    assertThat(Files.exists(missingDir)).isFalse();
  }

  @Test
  void aPathWithoutAParentDirectoryIsRefusedBeforeAnyTemporaryFile() {
    Path root = Path.of("/").toAbsolutePath().getRoot();
    assertThatThrownBy(() -> small().writeAtomically(root))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining("names no file in a directory");
  }
}
