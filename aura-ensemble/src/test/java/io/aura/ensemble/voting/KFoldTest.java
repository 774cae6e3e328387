package io.aura.ensemble.voting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aura.features.InvalidDataException;
import org.junit.jupiter.api.Test;

class KFoldTest {
  @Test
  void everySampleIsHeldOutExactlyOnceAndFoldsAreBalanced() {
    KFold k = KFold.shuffled(103, 5, 1);
    int[] seen = new int[103];
    for (int f = 0; f < 5; f++) {
      int[] test = k.testIndices(f);
      assertThat(test.length).isBetween(20, 21);
      assertThat(k.trainIndices(f).length).isEqualTo(103 - test.length);
      for (int i : test) {
        seen[i]++;
        assertThat(k.foldOf(i)).isEqualTo(f);
      }
    }
    assertThat(seen).containsOnly(1);
    assertThat(KFold.shuffled(103, 5, 1).testIndices(2)).containsExactly(k.testIndices(2));
    assertThat(KFold.shuffled(103, 5, 2).testIndices(2)).isNotEqualTo(k.testIndices(2));
  }

  @Test
  void stratifiedFoldsKeepClassProportions() {
    int[] y = new int[100];
    for (int i = 0; i < 100; i++) {
      y[i] = i < 20 ? 1 : 0;
    }
    KFold k = KFold.stratified(y, 4, 3);
    for (int f = 0; f < 4; f++) {
      int pos = 0;
      for (int i : k.testIndices(f)) {
        pos += y[i];
      }
      assertThat(pos).isEqualTo(5);
      assertThat(k.testIndices(f)).hasSize(25);
    }
    // sparse, large class ids are fine
    int[] big = new int[10];
    for (int i = 0; i < 10; i++) {
      big[i] = i % 2 == 0 ? 1_000_000_000 : 7;
    }
    KFold b = KFold.stratified(big, 5, 1);
    for (int f = 0; f < 5; f++) {
      assertThat(b.testIndices(f)).hasSize(2);
      assertThat(big[b.testIndices(f)[0]]).isNotEqualTo(big[b.testIndices(f)[1]]);
    }
  }

  @Test
  void contiguousFoldsAreBlocks() {
    KFold k = KFold.contiguous(10, 3);
    assertThat(k.testIndices(0)).containsExactly(0, 1, 2);
    assertThat(k.testIndices(1)).containsExactly(3, 4, 5);
    assertThat(k.testIndices(2)).containsExactly(6, 7, 8, 9);
  }

  @Test
  void assembleRestoresSampleOrderAndChecksShapes() {
    KFold k = KFold.contiguous(4, 2);
    double[][] out = k.assemble(new double[][][] {{{0}, {1}}, {{2}, {3}}});
    assertThat(out[3]).containsExactly(3);
    assertThatThrownBy(() -> k.assemble(new double[][][] {{{0}, {1}}, {{2}}}))
        .isInstanceOf(InvalidDataException.class).hasMessageContaining("fold 1 has 1 rows of predictions, it holds out 2");
    assertThatThrownBy(() -> k.assemble(new double[][][] {{{0}, {1}}}))
        .isInstanceOf(InvalidDataException.class).hasMessageContaining("predictions for 1 folds, expected 2");
    assertThatThrownBy(() -> KFold.shuffled(2, 3, 0)).isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("cannot split 2 samples into 3 folds");
  }
}
