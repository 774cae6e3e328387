package io.aura.models.trees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The compiled engine on hand-built trees: split semantics, missing values, layout, validation. */
class TreeEnsembleTest {

  /** x0 < 0.5 ? (x1 < 2 ? 1 : 2) : 3, NaN at root goes right, NaN at node 1 goes left. */
  private static TreeEnsemble small() {
    TreeEnsemble.Builder b = TreeEnsemble.builder(2, 1).baseScore(0.5);
    // deliberately not in pre-order: root 0, right leaf 1, inner split 2, leaves 3 and 4
    b.addTree(0, 5)
        .split(0, 0, 0.5f, 2, 1, false)
        .leaf(1, 3f)
        .split(2, 1, 2f, 3, 4, true)
        .leaf(3, 1f)
        .leaf(4, 2f);
    return b.build();
  }

  @Test
  void strictLessThanGoesLeftAndNaNFollowsDefaultDirection() {
    TreeEnsemble e = small();
    assertThat(e.predictRaw(new float[] {0.4f, 1f})).isEqualTo(1.5f);
    assertThat(e.predictRaw(new float[] {0.4f, 2f})).isEqualTo(2.5f); // 2 < 2 is false
    assertThat(e.predictRaw(new float[] {0.5f, 0f})).isEqualTo(3.5f); // 0.5 < 0.5 is false
    assertThat(e.predictRaw(new float[] {Math.nextDown(0.5f), 0f})).isEqualTo(1.5f);
    assertThat(e.predictRaw(new float[] {Float.NaN, 0f})).isEqualTo(3.5f);
    assertThat(e.predictRaw(new float[] {0f, Float.NaN})).isEqualTo(1.5f);
    assertThat(e.predictRaw(new float[] {Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY}))
        .isEqualTo(2.5f);
    assertThat(e.maxDepth()).isEqualTo(2);
    assertThat(e.numNodes()).isEqualTo(5);
  }

  @Test
  void batchEntryPointsMatchSingleRow() {
    TreeEnsemble e = small();
    SplittableRandom r = new SplittableRandom(1);
    int n = 50;
    float[] flat = new float[n * 3]; // stride 3 > numFeatures 2
    float[][] rows = new float[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = new float[] {(float) r.nextDouble(), (float) (r.nextDouble() * 4)};
      if (i % 5 == 0) {
        rows[i][i % 2] = Float.NaN;
      }
      flat[i * 3] = rows[i][0];
      flat[i * 3 + 1] = rows[i][1];
      flat[i * 3 + 2] = 99f;
    }
    float[][] out = new float[n][1];
    e.predictRaw(rows, out);
    float[] flatOut = new float[n];
    e.predictRaw(flat, 3, n, flatOut);
    for (int i = 0; i < n; i++) {
      assertThat(out[i][0]).isEqualTo(e.predictRaw(rows[i]));
      assertThat(flatOut[i]).isEqualTo(e.predictRaw(rows[i]));
    }
  }

  @Test
  void multiClassSumsTreesPerGroupAndSoftmaxSumsToOne() {
    TreeEnsemble.Builder b = TreeEnsemble.builder(1, 3).link(Link.SOFTMAX, 1).baseScore(0.5);
    for (int t = 0; t < 6; t++) {
      b.addTree(t % 3, 3).split(0, 0, 0f, 1, 2, true).leaf(1, t).leaf(2, -t);
    }
    TreeEnsemble e = b.build();
    float[] m = new float[3];
    e.predictRaw(new float[] {-1f}, m);
    assertThat(m).containsExactly(0.5f + 0 + 3, 0.5f + 1 + 4, 0.5f + 2 + 5);
    e.predictRaw(new float[] {Float.NaN}, m);
    assertThat(m[2]).isEqualTo(7.5f);
    e.predict(new float[] {1f}, m);
    assertThat((double) (m[0] + m[1] + m[2])).isCloseTo(1.0, Offset.offset(1e-6));
    assertThat(m[0]).isGreaterThan(m[1]);
  }

  @Test
  void categoricalAndZeroAsMissingSplits() {
    TreeEnsemble.Builder b = TreeEnsemble.builder(2, 1);
    // categories 1 and 33 go left
    b.addTree(0, 3).categorical(0, 0, new int[] {1 << 1, 1 << 1}, 1, 2, false)
        .leaf(1, 10f).leaf(2, 20f);
    b.addTree(0, 3).split(0, 1, 5f, 1, 2, false).zeroAsMissing(0).leaf(1, 1f).leaf(2, 2f);
    TreeEnsemble e = b.build();
    assertThat(e.predictRaw(new float[] {1f, 7f})).isEqualTo(12f);
    assertThat(e.predictRaw(new float[] {1.9f, 7f})).isEqualTo(12f); // truncated to 1
    assertThat(e.predictRaw(new float[] {33f, 7f})).isEqualTo(12f);
    assertThat(e.predictRaw(new float[] {2f, 7f})).isEqualTo(22f);
    assertThat(e.predictRaw(new float[] {-1f, 7f})).isEqualTo(22f);
    assertThat(e.predictRaw(new float[] {64f, 7f})).isEqualTo(22f); // beyond the bitset
    assertThat(e.predictRaw(new float[] {Float.NaN, 7f})).isEqualTo(22f);
    assertThat(e.predictRaw(new float[] {2f, 1f})).isEqualTo(21f); // 1 < 5 left
    assertThat(e.predictRaw(new float[] {2f, 0f})).isEqualTo(22f); // zero is missing: right
    assertThat(e.predictRaw(new float[] {2f, -1e-36f})).isEqualTo(22f);
    assertThat(e.predictRaw(new float[] {2f, Float.NaN})).isEqualTo(22f);
  }

  @Test
  void concurrentPredictionsAgreeWithSequentialOnes() throws Exception {
    TreeEnsemble.Builder b = TreeEnsemble.builder(3, 2).link(Link.SOFTMAX, 1);
    SplittableRandom r = new SplittableRandom(8);
    for (int t = 0; t < 40; t++) {
      b.addTree(t % 2, 7).split(0, r.nextInt(3), (float) r.nextDouble(), 1, 2, r.nextBoolean())
          .split(1, r.nextInt(3), (float) r.nextDouble(), 3, 4, r.nextBoolean())
          .split(2, r.nextInt(3), (float) r.nextDouble(), 5, 6, r.nextBoolean())
          .leaf(3, (float) r.nextGaussian()).leaf(4, (float) r.nextGaussian())
          .leaf(5, (float) r.nextGaussian()).leaf(6, (float) r.nextGaussian());
    }
    TreeEnsemble e = b.build();
    float[][] rows = new float[500][3];
    float[][] expected = new float[500][2];
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < 3; j++) {
        rows[i][j] = r.nextDouble() < 0.1 ? Float.NaN : (float) r.nextDouble();
      }
      e.predictRaw(rows[i], expected[i]);
    }
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
      for (int k = 0; k < 4; k++) {
        results.add(pool.submit(() -> {
          float[] out = new float[2];
          for (int rep = 0; rep < 20; rep++) {
            for (int i = 0; i < rows.length; i++) {
              e.predictRaw(rows[i], out);
              if (out[0] != expected[i][0] || out[1] != expected[i][1]) {
                return false;
              }
            }
          }
          return true;
        }));
      }
      for (java.util.concurrent.Future<Boolean> f : results) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void layoutIsPreOrderWithLeftChildNext() {
    TreeEnsemble e = small();
    for (int n = 0; n < e.numNodes(); n++) {
      if (e.nodeFeature(n) >= 0) {
        assertThat(e.nodeRight(n)).isGreaterThan(n + 1);
      }
    }
    assertThat(e.nodeFeature(1)).isEqualTo(1); // the inner split follows the root
  }

  @Test
  void rejectsMalformedTrees() {
    assertThatThrownBy(() -> {
      TreeEnsemble.Builder b = TreeEnsemble.builder(2, 1);
      b.addTree(0, 3).split(0, 0, 1f, 1, 2, false).split(1, 0, 1f, 0, 2, false).leaf(2, 1f);
      b.build();
    }).isInstanceOf(io.aura.features.InvalidDataException.class).hasMessageContaining("cycle");
    assertThatThrownBy(() -> {
      TreeEnsemble.Builder b = TreeEnsemble.builder(2, 1);
      b.addTree(0, 5).split(0, 0, 1f, 1, 2, false).split(1, 0, 1f, 3, 4, false)
          .split(2, 0, 1f, 3, 4, false).leaf(3, 1f).leaf(4, 1f);
      b.build();
    }).hasMessageContaining("reached twice");
    assertThatThrownBy(() -> TreeEnsemble.builder(2, 1).addTree(0, 3).split(0, 2, 1f, 1, 2, false))
        .hasMessageContaining("feature 2");
    assertThatThrownBy(() -> TreeEnsemble.builder(2, 1).addTree(0, 3).split(0, 0, 1f, 1, 7, false))
        .hasMessageContaining("children");
    assertThatThrownBy(() -> TreeEnsemble.builder(2, 1).addTree(0, 1).leaf(0, Float.NaN))
        .hasMessageContaining("not finite");
    assertThatThrownBy(() -> TreeEnsemble.builder(2, 1).addTree(1, 1))
        .hasMessageContaining("group 1");
    assertThatThrownBy(() -> {
      TreeEnsemble.Builder b = TreeEnsemble.builder(2, 1);
      b.addTree(0, 3).split(0, 0, 1f, 1, 2, false).leaf(1, 1f);
      b.build();
    }).hasMessageContaining("not defined");
    TreeEnsemble e = small();
    assertThatThrownBy(() -> e.predictRaw(new float[1])).hasMessageContaining("row has 1");
  }

  @Test
  void rejectsTreesDeeperThanTheLimitWithoutRecursing() {
    int depth = TreeEnsemble.MAX_DEPTH + 1;
    TreeEnsemble.Builder b = TreeEnsemble.builder(1, 1);
    TreeEnsemble.TreeBuilder tb = b.addTree(0, 2 * depth + 1);
    for (int i = 0; i < depth; i++) {
      tb.split(2 * i, 0, i, 2 * i + 2, 2 * i + 1, false).leaf(2 * i + 1, 1f);
    }
    tb.leaf(2 * depth, 0f);
    assertThatThrownBy(b::build).hasMessageContaining("deeper than " + TreeEnsemble.MAX_DEPTH);
  }

  @Test
  void importanceAndTreeSelection() {
    TreeEnsemble.Builder b = TreeEnsemble.builder(2, 1).baseScore(1);
    b.addTree(0, 3).split(0, 0, 0f, 1, 2, false).leaf(1, 1f).leaf(2, 2f)
        .gain(0, 5).cover(0, 10).cover(1, 4).cover(2, 6);
    b.addTree(0, 3).split(0, 1, 0f, 1, 2, false).leaf(1, 10f).leaf(2, 20f)
        .gain(0, 7).cover(0, 10).cover(1, 5).cover(2, 5);
    TreeEnsemble e = b.build();
    assertThat(e.featureImportance(TreeEnsemble.Importance.GAIN)).containsExactly(5, 7);
    assertThat(e.featureImportance(TreeEnsemble.Importance.SPLITS)).containsExactly(1, 1);
    assertThat(e.featureImportance(TreeEnsemble.Importance.COVER)).containsExactly(10, 10);
    BitSet keep = new BitSet();
    keep.set(1);
    TreeEnsemble one = e.selectTrees(keep);
    assertThat(one.treeCount()).isEqualTo(1);
    assertThat(one.predictRaw(new float[] {-1f, -1f})).isEqualTo(11f);
    assertThat(one.hasCover()).isTrue();
    assertThat(one.hasGain()).isTrue();
  }

  @Test
  void lightGbmThresholdRuleIsExactForEveryFloat() {
    SplittableRandom r = new SplittableRandom(3);
    for (int k = 0; k < 20000; k++) {
      double t = k % 3 == 0 ? r.nextGaussian() * Math.pow(10, r.nextInt(-30, 30))
          : k % 3 == 1 ? (double) (float) r.nextGaussian() // thresholds that are floats
          : ((double) (float) r.nextDouble() + Math.nextUp((float) r.nextDouble())) / 2;
      float u = LightGbmModelReader.lessThanBound(t);
      float f = (float) t;
      for (float x : new float[] {f, Math.nextDown(f), Math.nextUp(f), Math.nextDown(u),
          u, Math.nextUp(u), 0f, -0f}) {
        assertThat(x < u).as("x=%s t=%s", x, t).isEqualTo((double) x <= t);
      }
    }
    assertThat(1e300 >= Float.MAX_VALUE).isTrue();
    float big = LightGbmModelReader.lessThanBound(1e300);
    assertThat(Float.MAX_VALUE < big).isTrue();
    assertThat(Float.POSITIVE_INFINITY < big).isFalse();
  }

  private static final float[] SPECIAL = {
    Float.NaN, Float.intBitsToFloat(0xFFC00001), Float.intBitsToFloat(0x7F800001), 0f, -0f,
    Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, -Float.MIN_VALUE,
    Float.MAX_VALUE, -Float.MAX_VALUE, 1f, -1f
  };

  /**
   * The packed walk (key slots, self-looping leaves, twelve trees at a time) against a reference
   * that follows {@code leafOf} one tree at a time and sums in the documented order: runs of four
   * leaves added up in double, then single trees; float32 leaf by leaf. Random ensembles of 1 to
   * 40 trees (so every run length is hit), depths 1 to 9, both NaN directions, thresholds at ±0,
   * ±∞, ±MIN_VALUE, ±MAX_VALUE; rows with NaN of both signs and with payloads.
   */
  @Test
  void packedWalkEqualsTheReferenceWalkBitForBit() {
    SplittableRandom r = new SplittableRandom(42);
    for (int model = 0; model < 60; model++) {
      int features = 1 + r.nextInt(12);
      int groups = 1 + r.nextInt(2);
      boolean f32 = r.nextBoolean();
      TreeEnsemble.Builder b = TreeEnsemble.builder(features, groups).float32Accumulation(f32);
      int trees = 1 + r.nextInt(40);
      for (int t = 0; t < trees; t++) {
        java.util.List<float[]> spec = new java.util.ArrayList<>();
        shape(spec, r, 1 + r.nextInt(9), features, true);
        addTree(b, t % groups, spec);
      }
      TreeEnsemble e = b.build();
      float[] out = new float[groups];
      float[] flat = new float[200 * features];
      float[] flatOut = new float[200 * groups];
      float[][] rows = new float[200][features];
      for (int i = 0; i < 200; i++) {
        for (int f = 0; f < features; f++) {
          rows[i][f] = r.nextInt(4) == 0 ? SPECIAL[r.nextInt(SPECIAL.length)]
              : (float) (r.nextGaussian() * 2);
        }
        System.arraycopy(rows[i], 0, flat, i * features, features);
      }
      e.predictRaw(flat, features, 200, flatOut);
      for (int i = 0; i < 200; i++) {
        e.predictRaw(rows[i], out);
        for (int g = 0; g < groups; g++) {
          float expected = (float) referenceMargin(e, rows[i], g);
          assertThat(Float.floatToRawIntBits(out[g])).as("model %d row %d group %d", model, i, g)
              .isEqualTo(Float.floatToRawIntBits(expected));
          assertThat(Float.floatToRawIntBits(flatOut[i * groups + g]))
              .isEqualTo(Float.floatToRawIntBits(expected));
        }
      }
    }
  }

  /**
   * The packed copy stores twice a right child's offset in 16 bits: a split whose right child lies
   * 32,766 nodes after it (the largest even offset that fits) is packed, one at 32,768 falls back
   * to the general walk; both predict exactly as the reference walk.
   */
  @Test
  void packedOffsetLimitFallsBackToTheGeneralWalk() {
    SplittableRandom r = new SplittableRandom(5);
    TreeEnsemble[] models = new TreeEnsemble[2];
    int[] leftSizes = {TreeEnsemble.MAX_PACKED_OFFSET - 2, TreeEnsemble.MAX_PACKED_OFFSET};
    for (int m = 0; m < 2; m++) {
      java.util.List<float[]> spec = new java.util.ArrayList<>();
      spec.add(new float[] {0, 0f, 1 + leftSizes[m], 1});
      sized(spec, r, leftSizes[m], 4);
      spec.add(new float[] {3f});
      TreeEnsemble.Builder b = TreeEnsemble.builder(4, 1);
      addTree(b, 0, spec);
      models[m] = b.build();
      float[] out = new float[1];
      for (int i = 0; i < 300; i++) {
        float[] row = new float[4];
        for (int f = 0; f < 4; f++) {
          row[f] = r.nextInt(6) == 0 ? Float.NaN : (float) r.nextGaussian();
        }
        models[m].predictRaw(row, out);
        assertThat(Float.floatToRawIntBits(out[0])).as("model %d row %d", m, i)
            .isEqualTo(Float.floatToRawIntBits((float) referenceMargin(models[m], row, 0)));
      }
    }
    // The packed copy costs 8 bytes per node; only the first model carries one.
    long packedExtra = models[0].sizeBytes() - 13L * models[0].numNodes();
    long plainExtra = models[1].sizeBytes() - 13L * models[1].numNodes();
    assertThat(packedExtra - 8L * models[0].numNodes()).isEqualTo(plainExtra);
  }

  /** Appends a random subtree of exactly {@code size} nodes ({@code size} odd) in pre-order. */
  private static void sized(java.util.List<float[]> spec, SplittableRandom r, int size,
      int features) {
    if (size == 1) {
      spec.add(new float[] {(float) r.nextGaussian()});
      return;
    }
    float[] node = {r.nextInt(features), (float) r.nextGaussian(), 0, r.nextBoolean() ? 1 : 0};
    spec.add(node);
    int left = (size - 1) / 2 | 1;
    sized(spec, r, left, features);
    node[2] = spec.size();
    sized(spec, r, size - 1 - left, features);
  }

  /** Adds a tree given in pre-order as {@link #shape} writes it to the group's trees. */
  private static void addTree(TreeEnsemble.Builder b, int group, java.util.List<float[]> spec) {
    TreeEnsemble.TreeBuilder tb = b.addTree(group, spec.size());
    for (int n = 0; n < spec.size(); n++) {
      float[] node = spec.get(n);
      if (node.length == 1) {
        tb.leaf(n, node[0]);
      } else {
        tb.split(n, (int) node[0], node[1], n + 1, (int) node[2], node[3] != 0);
      }
    }
  }

  /**
   * Appends a random tree in pre-order: a leaf is {@code {value}}, a split {@code {feature,
   * threshold, right child index, nanLeft}} with its left child next.
   */
  private static void shape(java.util.List<float[]> spec, SplittableRandom r, int depth,
      int features, boolean root) {
    if (depth == 0 || (!root && r.nextInt(5) == 0)) {
      spec.add(new float[] {(float) r.nextGaussian()});
      return;
    }
    float threshold = r.nextInt(3) == 0 ? SPECIAL[3 + r.nextInt(SPECIAL.length - 3)]
        : (float) (r.nextGaussian() * 2);
    float[] node = {r.nextInt(features), threshold, 0, r.nextBoolean() ? 1 : 0};
    spec.add(node);
    shape(spec, r, depth - 1, features, false);
    node[2] = spec.size();
    shape(spec, r, depth - 1, features, false);
  }

  private static double referenceMargin(TreeEnsemble e, float[] row, int g) {
    double sum = e.float32Accumulation() ? (float) e.baseScore(g) : e.baseScore(g);
    int[] trees = java.util.stream.IntStream.range(0, e.treeCount())
        .filter(t -> e.treeGroup(t) == g).toArray();
    int t = 0;
    if (!e.float32Accumulation()) {
      for (; t + 4 <= trees.length; t += 4) {
        sum += (double) leafValue(e, trees[t], row) + leafValue(e, trees[t + 1], row)
            + leafValue(e, trees[t + 2], row) + leafValue(e, trees[t + 3], row);
      }
    }
    for (; t < trees.length; t++) {
      float leaf = leafValue(e, trees[t], row);
      sum = e.float32Accumulation() ? (float) sum + leaf : sum + leaf;
    }
    return sum;
  }

  private static float leafValue(TreeEnsemble e, int tree, float[] row) {
    return e.nodeValue(e.leafOf(e.treeStart(tree), row, 0));
  }
}
