package io.aura.rightsizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VpaStateFileTest {
  @TempDir Path dir;

  static void feed(VpaRecommender r, int from, int to, long seed) {
    Random rnd = new Random(seed + from);
    for (int i = from; i < to; i++) {
      long t = VpaRecommenderTest.T0 + i * 300_000L;
      r.addCpu(t, i % 50 == 7 ? Double.NaN : rnd.nextDouble() * 4);
      r.addMemory(t, 1e9 + rnd.nextDouble() * 1e9);
    }
  }

  @Test
  void resumedRecommenderContinuesBitForBit() throws IOException {
    VpaSettings s = VpaSettings.builder().safetyMargin(0.2).samplesPerConfidenceDay(288).build();
    VpaRecommender a = new VpaRecommender(s, "shop/web-1");
    feed(a, 0, 5000, 1);
    Path f = dir.resolve("web-1.vpa");
    VpaStateFile.save(a, f);
    VpaRecommender b = VpaStateFile.load(f);
    assertThat(b.recommend()).isEqualTo(a.recommend());
    feed(a, 5000, 40000, 1); // past 100 half-lives: renormalisation after the resume too
    feed(b, 5000, 40000, 1);
    assertThat(b.recommend()).isEqualTo(a.recommend());
    assertThat(b.cpu.sameState(a.cpu)).isTrue();
    assertThat(b.memory.sameState(a.memory)).isTrue();
    assertThat(b.missingSamples()).isEqualTo(a.missingSamples());
    try (var list = Files.list(dir)) {
      assertThat(list.count()).isEqualTo(1); // no temporary file left behind
    }
  }

  @Test
  void damagedTruncatedOrForeignFilesAreRejected() throws IOException {
    VpaRecommender a = new VpaRecommender(VpaSettings.defaults(), "c");
    feed(a, 0, 300, 2);
    Path f = dir.resolve("c.vpa");
    VpaStateFile.save(a, f);
    byte[] ok = Files.readAllBytes(f);
    byte[] flipped = ok.clone();
    flipped[ok.length / 2] ^= 1;
    Files.write(f, flipped);
    assertThatThrownBy(() -> VpaStateFile.load(f)).isInstanceOf(IOException.class)
        .hasMessageContaining("checksum");
    Files.write(f, java.util.Arrays.copyOf(ok, ok.length - 100));
    assertThatThrownBy(() -> VpaStateFile.load(f)).isInstanceOf(IOException.class);
    Files.write(f, "hello world, not a state".getBytes());
    assertThatThrownBy(() -> VpaStateFile.load(f)).isInstanceOf(IOException.class)
        .hasMessageContaining("magic");
    byte[] v2 = ok.clone();
    v2[VpaStateFile.MAGIC.length + 3] = 2;
    Files.write(f, v2);
    assertThatThrownBy(() -> VpaStateFile.load(f)).isInstanceOf(IOException.class)
        .hasMessageContaining("version 2");
  }
}
