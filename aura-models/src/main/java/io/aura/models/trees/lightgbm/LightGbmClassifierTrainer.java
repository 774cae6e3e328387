package io.aura.models.trees.lightgbm;

import io.aura.models.trees.BoostingSettings;
import io.aura.models.trees.Classifier;
import io.aura.models.trees.ClassifierTrainer;
import io.aura.models.trees.LabeledRows;
import io.aura.models.trees.LightGbmModelReader;
import io.aura.models.trees.TreeEnsemble;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a gradient-boosted classifier with LightGBM4J ({@code binary} or {@code multiclass}),
 * early-stops on the validation log-loss, exports the rounds up to the best one as LightGBM text
 * and imports them into a {@link TreeEnsemble}: the returned {@link Classifier} does not depend on
 * LightGBM at prediction time.
 *
 * <p>Needs the optional dependency {@code io.github.metarank:lightgbm4j} (bundled native library);
 * nothing else in Aura loads LightGBM classes. Prediction never goes through lightgbm4j's {@code
 * predictForMat}, whose 4.3.0-1 output buffer is too small for three or more classes.
 *
 * <p>Thread safety: immutable; concurrent {@link #fit} calls train independent boosters.
 * Allocation: native datasets and booster (closed before returning) plus the imported model.
 * Complexity: LightGBM's, about O(rounds × rows × features) with histograms.
 *
 * <p>Reference: G. Ke et al., "LightGBM: A Highly Efficient Gradient Boosting Decision Tree",
 * NeurIPS 2017.
 */
public final class LightGbmClassifierTrainer implements ClassifierTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(LightGbmClassifierTrainer.class);
  private final BoostingSettings settings;

  private LightGbmClassifierTrainer(BoostingSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * @param settings hyper-parameters ({@code minChildWeight} maps to {@code
   *     min_sum_hessian_in_leaf})
   * @return the trainer
   */
  public static LightGbmClassifierTrainer of(BoostingSettings settings) {
    return new LightGbmClassifierTrainer(settings);
  }

  @Override
  public Classifier fit(LabeledRows train, LabeledRows validation) {
    Objects.requireNonNull(train, "train");
    int k = train.numClasses();
    train.requireCompatible(validation);
    Map<String, String> p = new LinkedHashMap<>();
    p.put("objective", k == 2 ? "binary" : "multiclass");
    if (k > 2) {
      p.put("num_class", Integer.toString(k));
    }
    p.put("metric", k == 2 ? "binary_logloss" : "multi_logloss");
    p.put("learning_rate", Double.toString(settings.learningRate()));
    p.put("max_depth", Integer.toString(settings.maxDepth()));
    p.put("num_leaves", Integer.toString(settings.numLeaves()));
    p.put("min_sum_hessian_in_leaf", Double.toString(settings.minChildWeight()));
    p.put("seed", Long.toString(settings.seed()));
    p.put("num_threads", Integer.toString(settings.threads()));
    p.put("deterministic", "true");
    p.put("verbose", "-1");
    p.putAll(settings.nativeParams());
    StringBuilder params = new StringBuilder();
    p.forEach((name, value) -> params.append(name).append('=').append(value).append(' '));
    String datasetParams = "verbose=-1";

    LGBMDataset dtrain = null;
    LGBMDataset dvalid = null;
    LGBMBooster booster = null;
    try {
      dtrain = dataset(train, datasetParams, null);
      booster = LGBMBooster.create(dtrain, params.toString().trim());
      if (validation != null) {
        dvalid = dataset(validation, datasetParams, dtrain);
        booster.addValidData(dvalid);
      }
      int done = 0;
      int bestRound = 0;
      double bestLoss = Double.POSITIVE_INFINITY;
      int patience = validation == null ? 0 : settings.earlyStoppingRounds();
      for (int round = 1; round <= settings.rounds(); round++) {
        boolean finished = booster.updateOneIter();
        done = round;
        if (validation != null) {
          double loss = booster.getEval(1)[0];
          if (loss < bestLoss) {
            bestLoss = loss;
            bestRound = round;
          } else if (patience > 0 && round - bestRound >= patience) {
            break;
          }
        }
        if (finished) {
          break;
        }
      }
      int keep = patience > 0 && bestRound > 0 ? bestRound : done;
      String text = booster.saveModelToString(0, keep, LGBMBooster.FeatureImportanceType.GAIN);
      TreeEnsemble ensemble = LightGbmModelReader.parse(text, "lightgbm4j booster");
      LOG.debug("LightGBM trained {} rounds, kept {}", done, keep);
      return Classifier.of(ensemble, k, "lightgbm4j", keep);
    } catch (LGBMException e) {
      throw new IllegalStateException("LightGBM training failed: " + e.getMessage(), e);
    } finally {
      close(booster);
      close(dvalid);
      close(dtrain);
    }
  }

  private LGBMDataset dataset(LabeledRows rows, String params, LGBMDataset reference)
      throws LGBMException {
    LGBMDataset d = LGBMDataset.createFromMat(rows.rowMajor(), rows.size(), rows.featureCount(),
        true, params, reference);
    d.setField("label", rows.labelsAsFloat());
    float[] w = settings.classWeights().rowWeights(rows);
    if (w != null) {
      d.setField("weight", w);
    }
    return d;
  }

  private static void close(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      LOG.warn("closing a LightGBM handle failed", e);
    }
  }
  /** @return the trainer and every boosting setting */
  @Override
  public String toString() {
    return "LightGbmClassifierTrainer{" + settings + "}";
  }

}
