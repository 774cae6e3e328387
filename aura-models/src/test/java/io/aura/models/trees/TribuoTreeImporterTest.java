package io.aura.models.trees;

import static org.assertj.core.api.Assertions.assertThat;

import io.aura.models.trees.tribuo.TribuoTreeImporter;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.common.tree.TreeModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/** A Tribuo CART tree compiled into the engine gives Tribuo's own class distribution. */
class TribuoTreeImporterTest {
  private static final String[] NAMES = {"a", "b", "c", "d", "e", "f"};

  private static Example<Label> example(TreeTestData d, int i) {
    double[] v = new double[d.cols];
    for (int j = 0; j < d.cols; j++) {
      v[j] = d.flat[i * d.cols + j];
    }
    return new ArrayExample<>(new Label("c" + (int) d.label[i]), NAMES, v);
  }

  @Test
  void cartTreeDistributionsMatchTribuo() {
    LabelFactory f = new LabelFactory();
    TreeTestData train = TreeTestData.generate(1500, 3, 401, 0.0, 0.05);
    MutableDataset<Label> ds = new MutableDataset<>(new SimpleDataSourceProvenance("t", f), f);
    for (int i = 0; i < train.rows; i++) {
      ds.add(example(train, i));
    }
    TreeModel<Label> tree = new CARTClassificationTrainer(8).train(ds);
    // columns deliberately permuted relative to Tribuo's feature ids
    List<String> columns = List.of("f", "e", "d", "c", "b", "a");
    TribuoTreeImporter.Imported imp = TribuoTreeImporter.fromClassificationTree(tree, columns);
    TreeEnsemble e = imp.ensemble();
    assertThat(imp.labels()).containsExactlyInAnyOrder("c0", "c1", "c2");
    TreeTestData test = TreeTestData.generate(600, 3, 402, 0.0, 0.05);
    float[] row = new float[6];
    float[] out = new float[3];
    int compared = 0;
    for (int i = 0; i < test.rows; i++) {
      for (int c = 0; c < 6; c++) {
        row[c] = test.flat[i * 6 + (5 - c)];
      }
      e.predictRaw(row, out);
      Prediction<Label> p = tree.predict(example(test, i));
      Map<String, Label> scores = p.getOutputScores();
      for (int g = 0; g < 3; g++) {
        Label l = scores.get(imp.labels().get(g));
        assertThat((double) out[g]).isCloseTo(l == null ? 0 : l.getScore(), Offset.offset(1e-6));
        compared++;
      }
    }
    assertThat(compared).isEqualTo(1800);
  }
}
