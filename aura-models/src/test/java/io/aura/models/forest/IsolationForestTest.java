package io.aura.models.forest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.aura.features.Frame;
import io.aura.features.InvalidDataException;
import io.aura.features.Labels;
import io.aura.features.anomaly.Detection;
import io.aura.features.anomaly.Severity;
import io.aura.models.eval.RankingMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IsolationForestTest {

  static double[][] gaussian(int n, int d, long seed, double scale) {
    Random r = new Random(seed);
    double[][] x = new double[n][d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        row[j] = scale * r.nextGaussian();
      }
    }
    return x;
  }

  @Test
  void pathLengthCorrectionMatchesDefinition() {
    assertThat(PathLength.c(0)).isZero();
    assertThat(PathLength.c(1)).isZero();
    assertThat(PathLength.c(2)).isEqualTo(1.0);
    double h = 0;
    for (int n = 1; n <= 2000; n++) {
      if (n >= 2) {
        double expected = 2 * h - 2.0 * (n - 1) / n; // h = H(n-1)
        assertThat(PathLength.c(n))
            .as("c(%d)", n)
            .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
      }
      h += 1.0 / n;
    }
  }

  @Test
  void twoDistinctRowsScoreExactlyOneHalf() {
    // ψ = 2: height limit 1, the root separates the rows, each leaf holds one: h = 1 = c(2).
    IsolationForest f =
        IsolationForestTrainer.builder()
            .treeCount(7)
            .sampleSize(2)
            .contamination(0.5)
            .build()
            .fit(new double[][] {{0, 0}, {1, 5}});
    assertThat(f.score(new double[] {0, 0})).isEqualTo(0.5);
    assertThat(f.score(new double[] {100, -3})).isEqualTo(0.5);
    assertThat(f.nodeCount()).isEqualTo(7 * 3);
  }

  @Test
  void identicalRowsAreNeverSeparatedAndReachTheHeightLimit() {
    double[][] x = new double[50][];
    for (int i = 0; i < x.length; i++) {
      x[i] = new double[] {3, 4};
    }
    IsolationForest f = IsolationForestTrainer.builder().treeCount(5).sampleSize(32).build().fit(x);
    // Liu et al. Algorithm 2: every cut on a constant attribute sends all rows right, down to the
    // height limit ⌈log₂ 32⌉ = 5, where the leaf holds all 32: h = 5 + c(32).
    assertThat(f.nodeCount()).isEqualTo(5 * 11);
    double c32 = PathLength.c(32);
    assertThat(f.score(new double[] {3, 4}))
        .isCloseTo(Math.pow(2, -(5 + c32) / c32), within(1e-12));
    // A row below the constant value is isolated at the first cut on that feature.
    assertThat(f.score(new double[] {2, 4})).isGreaterThan(f.score(new double[] {3, 4}));
  }

  @Test
  void outliersScoreHigherThanInliers() {
    double[][] x = gaussian(1000, 3, 1, 1.0);
    IsolationForest f = IsolationForestTrainer.builder().seed(3).build().fit(x);
    double inlier = f.score(new double[] {0, 0, 0});
    double outlier = f.score(new double[] {6, -6, 6});
    assertThat(outlier).isGreaterThan(0.7).isLessThanOrEqualTo(1.0);
    assertThat(inlier).isLessThan(0.5).isGreaterThan(0.0);
    assertThat(f.treeCount()).isEqualTo(100);
    assertThat(f.sampleSize()).isEqualTo(256);
    // Height limit ⌈log₂ 256⌉ = 8 bounds every tree to 2^9 − 1 nodes.
    assertThat(f.nodeCount()).isLessThanOrEqualTo(100 * 511);
  }

  @Test
  void separatesPlantedAnomaliesStandardAndExtended() {
    double[][] x = new double[1050][];
    boolean[] y = new boolean[x.length];
    double[][] normal = gaussian(1000, 4, 7, 1.0);
    Random r = new Random(9);
    for (int i = 0; i < x.length; i++) {
      if (i < 1000) {
        x[i] = normal[i];
      } else {
        x[i] = new double[] {4 + r.nextDouble(), -4 - r.nextDouble(), 4, r.nextGaussian()};
        y[i] = true;
      }
    }
    for (IsolationForestTrainer t :
        new IsolationForestTrainer[] {
          IsolationForestTrainer.builder().build(),
          IsolationForestTrainer.builder().extended(IsolationForestTrainer.FULLY_EXTENDED).build()
        }) {
      IsolationForest f = t.fit(x);
      assertThat(RankingMetrics.rocAuc(f.scoreAll(x), y)).isGreaterThan(0.99);
    }
  }

  @Test
  void deterministicForSeedAndIdenticalWhenParallel() {
    double[][] x = gaussian(600, 5, 11, 2.0);
    double[][] probe = gaussian(50, 5, 12, 3.0);
    for (int ext : new int[] {-1, 2}) {
      IsolationForestTrainer.Builder b = IsolationForestTrainer.builder().seed(99);
      if (ext >= 0) {
        b.extended(ext);
      }
      double[] serial = b.parallel(false).build().fit(x).scoreAll(probe);
      double[] again = b.parallel(false).build().fit(x).scoreAll(probe);
      double[] parallel = b.parallel(true).build().fit(x).scoreAll(probe);
      double[] otherSeed = b.seed(100).parallel(false).build().fit(x).scoreAll(probe);
      assertThat(again).containsExactly(serial);
      assertThat(parallel).containsExactly(serial);
      // The whole model, calibrated severity scale included, is the same byte for byte.
      assertThat(IsolationForestFile.toBytes(b.seed(99).parallel(true).build().fit(x)))
          .isEqualTo(IsolationForestFile.toBytes(b.seed(99).parallel(false).build().fit(x)));
      assertThat(otherSeed).isNotEqualTo(serial);
    }
  }

  @Test
  void contaminationSetsTheFlaggedFraction() {
    double[][] x = gaussian(2000, 2, 5, 1.0);
    IsolationForest f = IsolationForestTrainer.builder().contamination(0.05).build().fit(x);
    int flagged = 0;
    for (double[] row : x) {
      if (f.severityScale().severity(f.score(row)).isAnomalous()) {
        flagged++;
      }
    }
    assertThat(flagged).isBetween(90, 110);
    assertThat(f.detect(new double[] {9, 9}, 2).severity()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void attributionNamesTheDeviatingFeature() {
    double[][] x = gaussian(1000, 4, 21, 1.0);
    for (IsolationForestTrainer t :
        new IsolationForestTrainer[] {
          IsolationForestTrainer.builder().build(),
          IsolationForestTrainer.builder().extended(1).build()
        }) {
      IsolationForest f = t.fit(x);
      Detection det = f.detect(new double[] {0.1, -0.2, 7.5, 0.0}, 2);
      assertThat(det.topFeatures().get(0).index()).isEqualTo(2);
      assertThat(det.topFeatures().get(0).feature()).isEqualTo("f2");
      double[] w = new double[4];
      f.contributions(new double[] {0.1, -0.2, 7.5, 0.0}, w);
      assertThat(w[0] + w[1] + w[2] + w[3])
          .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
    }
  }

  @Test
  void fitsFramesWithColumnNames() {
    double[][] x = gaussian(300, 2, 4, 1.0);
    long[] ts = new long[300];
    LinkedHashMap<String, double[]> cols = new LinkedHashMap<>();
    double[] cpu = new double[300];
    double[] mem = new double[300];
    for (int i = 0; i < 300; i++) {
      ts[i] = 1000L * i;
      cpu[i] = x[i][0];
      mem[i] = x[i][1];
    }
    cols.put("cpu", cpu);
    cols.put("mem", mem);
    Frame frame = Frame.of(Labels.of("pod", "web-1"), ts, cols);
    IsolationForest f = IsolationForestTrainer.builder().build().fit(frame);
    assertThat(f.featureNames()).containsExactly("cpu", "mem");
    assertThat(f.scoreAll(frame))
        .containsExactly(IsolationForestTrainer.builder().build().fit(x).scoreAll(x));
    assertThat(f.detect(new double[] {0, 8}, 1).topFeatures().get(0).feature()).isEqualTo("mem");
    mem[7] = Double.NaN;
    Frame withGap = Frame.of(Labels.of("pod", "web-1"), ts, cols);
    assertThatThrownBy(() -> IsolationForestTrainer.builder().build().fit(withGap))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("row 7, feature 1 (mem) is NaN");
  }

  @Test
  void rejectsBadInputWithClearMessages() {
    IsolationForestTrainer t = IsolationForestTrainer.builder().build();
    assertThatThrownBy(() -> t.fit(new double[0][]))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> t.fit(new double[][] {{1, 2}, {3}}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("row 1 has 1 features, expected 2");
    assertThatThrownBy(() -> t.fit(new double[][] {{1, 2}, {3, 4}, {5, Double.NaN}}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("row 2, feature 1")
        .hasMessageContaining("NaN");
    assertThatThrownBy(() -> t.fit(new double[][] {{1, 2}}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("at least 2");
    IsolationForest f = t.fit(gaussian(100, 2, 1, 1));
    assertThatThrownBy(() -> f.score(new double[] {1, 2, 3}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("expects 2");
    assertThatThrownBy(() -> f.score(new double[] {1, Double.NaN}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("feature 1");
  }

  @Test
  void groupsAreScoredAgainstTheirPeers() {
    Map<String, double[][]> groups = new LinkedHashMap<>();
    groups.put("small", gaussian(500, 2, 1, 1.0));
    double[][] big = gaussian(500, 2, 2, 1.0);
    for (double[] r : big) {
      r[0] += 50;
      r[1] += 50;
    }
    groups.put("big", big);
    GroupedIsolationForest<String> g =
        GroupedIsolationForest.fit(IsolationForestTrainer.builder().build(), groups);
    double[] typicalBig = {50, 50};
    assertThat(g.score("small", typicalBig)).isGreaterThan(0.7);
    assertThat(g.score("big", typicalBig)).isLessThan(0.5);
    assertThat(g.groups()).containsExactly("small", "big");
    assertThatThrownBy(() -> g.score("other", typicalBig))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("other");
    Map<String, double[][]> bad = new LinkedHashMap<>();
    bad.put("lonely", new double[][] {{1, 1}});
    assertThatThrownBy(
            () -> GroupedIsolationForest.fit(IsolationForestTrainer.builder().build(), bad))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("group lonely");
  }

  @Test
  void saveAndLoadGiveBitIdenticalScores(@TempDir Path dir) throws Exception {
    double[][] x = gaussian(800, 3, 31, 1.5);
    double[][] probe = gaussian(200, 3, 32, 4.0);
    for (IsolationForestTrainer t :
        new IsolationForestTrainer[] {
          IsolationForestTrainer.builder().build(),
          IsolationForestTrainer.builder().extended(2).build()
        }) {
      IsolationForest f = t.fit(x);
      Path file = dir.resolve("forest.aura");
      IsolationForestFile.write(f, file);
      IsolationForest g = IsolationForestFile.read(file);
      assertThat(g.isExtended()).isEqualTo(f.isExtended());
      assertThat(g.severityScale()).isEqualTo(f.severityScale());
      assertThat(g.featureNames()).isEqualTo(f.featureNames());
      double[] a = f.scoreAll(probe);
      double[] b = g.scoreAll(probe);
      for (int i = 0; i < a.length; i++) {
        assertThat(Double.doubleToRawLongBits(b[i])).isEqualTo(Double.doubleToRawLongBits(a[i]));
      }
      byte[] bytes = Files.readAllBytes(file);
      assertThat(bytes).containsExactly(IsolationForestFile.toBytes(f));
      assertThat(IsolationForestFile.fromBytes(bytes, file.toString()).scoreAll(probe))
          .containsExactly(a);
      // The deprecated entry points (kept until every caller is renamed) give the same model.
      assertThat(IsolationForestFile.toBytes(f)).containsExactly(bytes);
      assertThat(IsolationForestFile.fromBytes(bytes, "bytes").scoreAll(probe)).containsExactly(a);
    }
  }

  @Test
  void groupedFramesKeepTheirColumnNames(@TempDir Path dir) throws Exception {
    Map<Labels, Frame> frames = new LinkedHashMap<>();
    for (String app : new String[] {"web", "db"}) {
      double[][] x = gaussian(200, 2, app.hashCode(), app.equals("web") ? 1.0 : 10.0);
      long[] ts = new long[200];
      double[] cpu = new double[200];
      double[] mem = new double[200];
      for (int i = 0; i < 200; i++) {
        ts[i] = 60_000L * i;
        cpu[i] = x[i][0];
        mem[i] = x[i][1];
      }
      LinkedHashMap<String, double[]> cols = new LinkedHashMap<>();
      cols.put("cpu", cpu);
      cols.put("mem", mem);
      Labels key = Labels.of("app", app);
      frames.put(key, Frame.of(key, ts, cols));
    }
    GroupedIsolationForest<Labels> g =
        GroupedIsolationForest.fitFrames(IsolationForestTrainer.builder().build(), frames);
    double[] row = {15, 0};
    assertThat(g.score(Labels.of("app", "web"), row))
        .isGreaterThan(g.score(Labels.of("app", "db"), row));
    assertThat(g.detect(Labels.of("app", "web"), row, 1).topFeatures().get(0).feature())
        .isEqualTo("cpu");
    Path file = dir.resolve("groups.aura");
    GroupedIsolationForestFile.write(g, file);
    GroupedIsolationForest<Labels> back = GroupedIsolationForestFile.read(file);
    assertThat(back.groups()).containsExactly(Labels.of("app", "web"), Labels.of("app", "db"));
    for (Labels k : g.groups()) {
      assertThat(back.score(k, row)).isEqualTo(g.score(k, row));
      assertThat(back.forest(k).featureNames()).containsExactly("cpu", "mem");
    }
  }

  @Test
  void structurallyBrokenForestFilesAreRejected() throws Exception {
    IsolationForest f =
        IsolationForestTrainer.builder().treeCount(2).build().fit(gaussian(100, 2, 1, 1));
    // A well-formed, correctly checksummed file whose root points back to itself (a cycle).
    byte[] bytes =
        io.aura.models.persist.ModelFileWriter.create(IsolationForest.KIND, 1)
            .putInt("features", 2)
            .putInt("sampleSize", 100)
            .putInt("extensionLevel", -1)
            .putStrings("featureNames", java.util.List.of("f0", "f1"))
            .putDoubles("severity", new double[] {0.5, 0.6, 0.7, 0.8})
            .putInts("roots", new int[] {0})
            .putInts("feature", new int[] {0, -1, -1})
            .putDoubles("value", new double[] {0.0, 1.0, 1.0})
            .putInts("left", new int[] {0, -1, -1})
            .putDoubles("normals", new double[0])
            .toBytes();
    assertThatThrownBy(() -> IsolationForestFile.fromBytes(bytes, "nan.aura"))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining("nan.aura")
        .hasMessageContaining("node 0");
    byte[] other =
        io.aura.models.persist.ModelFileWriter.create("aura.tree-ensemble", 1)
            .putInt("x", 1)
            .toBytes();
    assertThatThrownBy(() -> IsolationForestFile.fromBytes(other, "other.aura"))
        .isInstanceOf(io.aura.models.persist.ModelFileException.class)
        .hasMessageContaining("aura.tree-ensemble");
    assertThat(IsolationForestFile.fromBytes(IsolationForestFile.toBytes(f), "f").nodeCount())
        .isEqualTo(f.nodeCount());
  }

  @Test
  void shingledDetectorIsCausalAndFlagsAShapeChange() {
    double[] x = new double[1200];
    Random r = new Random(8);
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.sin(2 * Math.PI * i / 50) + 0.05 * r.nextGaussian();
    }
    for (int i = 900; i < 905; i++) {
      x[i] = 0; // flat where a sine is expected: each value is in range, the shape is not
    }
    ShingledIsolationForestDetector d =
        new ShingledIsolationForestDetector(
            8, 300, 300, IsolationForestTrainer.builder().seed(2).build());
    double[] s = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      s[i] = d.update(i, x[i]);
    }
    assertThat(s[100]).isNaN(); // not fitted yet
    double maxNormal = 0;
    for (int i = 400; i < 890; i++) {
      maxNormal = Math.max(maxNormal, s[i]);
    }
    double maxAnomaly = 0;
    for (int i = 900; i < 910; i++) {
      maxAnomaly = Math.max(maxAnomaly, s[i]);
    }
    assertThat(maxAnomaly).isGreaterThan(maxNormal);
    ShingledIsolationForestDetector e =
        new ShingledIsolationForestDetector(
            8, 300, 300, IsolationForestTrainer.builder().seed(2).build());
    for (int i = 0; i < 899; i++) {
      assertThat(Double.doubleToLongBits(e.update(i, x[i])))
          .isEqualTo(Double.doubleToLongBits(s[i]));
    }
    assertThat(e.update(899, Double.NaN)).isNaN();
  }

  @Test
  void subsampleIsDistinctAndUniform() {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
    int n = 100;
    int[] counts = new int[n];
    for (int rep = 0; rep < 4000; rep++) {
      int[] s = IsolationForestTrainer.subsample(n, 25, rnd);
      assertThat(java.util.Arrays.stream(s).distinct().count()).isEqualTo(25);
      for (int v : s) {
        assertThat(v).isBetween(0, n - 1);
        counts[v]++;
      }
    }
    // Each index is drawn with probability 1/4: 1000 expected, sd ≈ 27.
    for (int c : counts) {
      assertThat(c).isBetween(880, 1120);
    }
    assertThat(IsolationForestTrainer.subsample(5, 5, rnd))
        .containsExactlyInAnyOrder(0, 1, 2, 3, 4);
  }

  /**
   * The interleaved branch-free walk against the one-tree-at-a-time walk, bit for bit: forests of 1
   * to 21 trees (every remainder of the eight-tree runs), small and large ψ, rows drawn from the
   * data and rows whose every value sits exactly on some split threshold (ties go right).
   */
  @Test
  void interleavedWalkEqualsOneTreeAtATime() {
    SplittableRandom r = new SplittableRandom(11);
    for (int model = 0; model < 24; model++) {
      int d = 1 + r.nextInt(6);
      double[][] data = new double[300][d];
      for (double[] row : data) {
        for (int j = 0; j < d; j++) {
          row[j] = r.nextInt(4) == 0 ? r.nextInt(3) : r.nextGaussian();
        }
      }
      IsolationForest f =
          IsolationForestTrainer.builder()
              .treeCount(1 + r.nextInt(21))
              .sampleSize(r.nextBoolean() ? 16 : 256)
              .seed(model)
              .build()
              .fit(data);
      java.util.List<Double>[] cuts = new java.util.List[d];
      for (int j = 0; j < d; j++) {
        cuts[j] = new java.util.ArrayList<>();
      }
      for (int n = 0; n < f.nodeCount(); n++) {
        if (f.nodeFeature(n) >= 0) {
          cuts[f.nodeFeature(n)].add(f.nodeValue(n));
        }
      }
      for (int k = 0; k < 400; k++) {
        double[] row = k < 200 ? data[k] : new double[d];
        if (k >= 200) {
          for (int j = 0; j < d; j++) {
            row[j] = cuts[j].isEmpty() ? 0 : cuts[j].get(r.nextInt(cuts[j].size()));
          }
        }
        double expected =
            Math.pow(2, -(f.sumOneTreeAtATime(row) / f.treeCount()) / PathLength.c(f.sampleSize()));
        assertThat(Double.doubleToRawLongBits(f.score(row)))
            .as("model %d row %d", model, k)
            .isEqualTo(Double.doubleToRawLongBits(expected));
        assertThat(f.meanPathLength(row)).isEqualTo(f.sumOneTreeAtATime(row) / f.treeCount());
      }
    }
  }
}
