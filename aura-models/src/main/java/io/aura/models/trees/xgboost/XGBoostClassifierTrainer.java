package io.aura.models.trees.xgboost;

import io.aura.models.trees.BoostingSettings;
import io.aura.models.trees.Classifier;
import io.aura.models.trees.ClassifierTrainer;
import io.aura.models.trees.LabeledRows;
import io.aura.models.trees.TreeEnsemble;
import io.aura.models.trees.XGBoostModelReader;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a gradient-boosted classifier with XGBoost4J ({@code binary:logistic} or {@code
 * multi:softprob}, {@code hist} trees), early-stops on the validation log-loss, exports the native
 * model as UBJSON, keeps the rounds up to the best one and imports it into a {@link TreeEnsemble}:
 * the returned {@link Classifier} does not depend on XGBoost at prediction time.
 *
 * <p>Needs the optional dependency {@code ml.dmlc:xgboost4j_2.12} (with its bundled native library)
 * on the class path; nothing else in Aura loads XGBoost classes.
 *
 * <p>Thread safety: immutable; concurrent {@link #fit} calls train independent boosters.
 * Allocation: the native matrices and booster (freed before returning) plus the imported model.
 * Complexity: XGBoost's, about O(rounds × rows × features) with the histogram method.
 *
 * <p>Reference: T. Chen and C. Guestrin, "XGBoost: A Scalable Tree Boosting System", KDD 2016.
 */
public final class XGBoostClassifierTrainer implements ClassifierTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(XGBoostClassifierTrainer.class);
  private final BoostingSettings settings;

  private XGBoostClassifierTrainer(BoostingSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * @param settings hyper-parameters ({@code numLeaves} is ignored)
   * @return the trainer
   */
  public static XGBoostClassifierTrainer of(BoostingSettings settings) {
    return new XGBoostClassifierTrainer(settings);
  }

  @Override
  public Classifier fit(LabeledRows train, LabeledRows validation) {
    Objects.requireNonNull(train, "train");
    int k = train.numClasses();
    train.requireCompatible(validation);
    Map<String, Object> p = new HashMap<>();
    p.put("objective", k == 2 ? "binary:logistic" : "multi:softprob");
    if (k > 2) {
      p.put("num_class", k);
    }
    p.put("eval_metric", k == 2 ? "logloss" : "mlogloss");
    p.put("eta", settings.learningRate());
    p.put("max_depth", settings.maxDepth());
    p.put("min_child_weight", settings.minChildWeight());
    p.put("tree_method", "hist");
    p.put("seed", settings.seed());
    p.put("nthread", settings.threads());
    p.put("verbosity", 0);
    p.put("silent", "true"); // read by XGBoost4J itself: keeps evaluation lines off stdout
    p.putAll(settings.nativeParams());
    DMatrix dtrain = null;
    DMatrix dvalid = null;
    Booster booster = null;
    try {
      dtrain = matrix(train);
      Map<String, DMatrix> watches = new HashMap<>();
      int early = 0;
      if (validation != null) {
        dvalid = matrix(validation);
        watches.put("validation", dvalid);
        early = settings.earlyStoppingRounds();
      }
      booster = XGBoost.train(dtrain, p, settings.rounds(), watches, null, null, null, early);
      int rounds = booster.getNumBoostedRound();
      String best = booster.getAttr("best_iteration");
      if (early > 0 && best != null) {
        rounds = Integer.parseInt(best.trim()) + 1;
      }
      byte[] model = booster.toByteArray("ubj");
      TreeEnsemble ensemble = XGBoostModelReader.read(model, "xgboost4j booster", rounds);
      LOG.debug("XGBoost trained {} rounds, kept {}", booster.getNumBoostedRound(), rounds);
      return Classifier.of(ensemble, k, "xgboost4j", rounds);
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost training failed: " + e.getMessage(), e);
    } finally {
      if (booster != null) {
        booster.dispose();
      }
      if (dtrain != null) {
        dtrain.dispose();
      }
      if (dvalid != null) {
        dvalid.dispose();
      }
    }
  }

  private DMatrix matrix(LabeledRows rows) throws XGBoostError {
    DMatrix m = new DMatrix(rows.rowMajor(), rows.size(), rows.featureCount(), Float.NaN);
    m.setLabel(rows.labelsAsFloat());
    float[] w = settings.classWeights().rowWeights(rows);
    if (w != null) {
      m.setWeight(w);
    }
    return m;
  }
  /** @return the trainer and every boosting setting */
  @Override
  public String toString() {
    return "XGBoostClassifierTrainer{" + settings + "}";
  }

}
