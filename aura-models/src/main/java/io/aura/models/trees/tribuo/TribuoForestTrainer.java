package io.aura.models.trees.tribuo;

import io.aura.features.InvalidDataException;
import io.aura.models.trees.ClassWeights;
import io.aura.models.trees.Classifier;
import io.aura.models.trees.ClassifierTrainer;
import io.aura.models.trees.LabeledRows;
import io.aura.models.trees.TreeEnsemble;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.common.tree.ExtraTreesTrainer;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.common.tree.TreeModel;
import org.tribuo.ensemble.EnsembleModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains a random forest (Breiman 2001) or extra-trees forest (Geurts, Ernst and Wehenkel 2006)
 * with Tribuo's CART trees and compiles it into a {@link TreeEnsemble}: the returned {@link
 * Classifier} does not depend on Tribuo at prediction time.
 *
 * <p><b>Forests average, they do not sum.</b> Tribuo's {@code FullyWeightedVotingCombiner} (used
 * here) predicts the mean of the members' leaf class distributions; the compiled model has one
 * output group per class, {@link io.aura.models.trees.Link#IDENTITY} link, and leaves holding the
 * distribution divided by the number of trees, so its "margins" are the class probabilities
 * themselves (see {@link Classifier}). On every row they agree with Tribuo's own prediction up to
 * float32 rounding of the leaves (worst difference measured in {@code docs/trees.md}); the class
 * decision agrees except where two classes' probabilities tie within that rounding (Tribuo breaks
 * ties by its label ids, Aura by the lowest class index).
 *
 * <p>Rows are passed to Tribuo as dense examples with features {@code f0, f1, …} and labels {@code
 * "0"…"K-1"}. Tribuo has no notion of a missing value, so a NaN anywhere in the training rows is
 * rejected with an {@link InvalidDataException} naming the row and feature (impute first). At
 * prediction time NaN goes to Tribuo's "less than or equal" child, as in {@link
 * TribuoTreeImporter}. Class weights become Tribuo example weights. There is no early stopping: a
 * validation set passed to {@link #fit(LabeledRows, LabeledRows)} is only checked for
 * compatibility.
 *
 * <p>Needs the optional dependency {@code org.tribuo:tribuo-classification-tree}. Thread safety:
 * immutable; concurrent {@link #fit} calls train independent forests. Allocation: Tribuo's dataset
 * (O(rows × features) objects) and forest, then the compiled model. Complexity: Tribuo's, about
 * O(trees × rows log rows × features × fraction) for training, plus O(nodes × classes) to compile.
 *
 * <p>References: L. Breiman, "Random Forests", Machine Learning 45, 2001; P. Geurts, D. Ernst and
 * L. Wehenkel, "Extremely randomized trees", Machine Learning 63, 2006; Tribuo, https://tribuo.org.
 */
public final class TribuoForestTrainer implements ClassifierTrainer {
  /** The forest algorithm. Thread safety: immutable constants. */
  public enum Kind {
    /** Bootstrap samples, best split among a random fraction of the features per node. */
    RANDOM_FOREST,
    /** Bootstrap samples, random split points among a random fraction of the features. */
    EXTRA_TREES
  }

  private final Kind kind;
  private final int trees;
  private final int maxDepth;
  private final float featureFraction;
  private final float minChildWeight;
  private final long seed;
  private final ClassWeights classWeights;

  private TribuoForestTrainer(Builder b) {
    this.kind = b.kind;
    this.trees = b.trees;
    this.maxDepth = b.maxDepth;
    this.featureFraction = b.featureFraction;
    this.minChildWeight = b.minChildWeight;
    this.seed = b.seed;
    this.classWeights = b.classWeights;
  }

  /**
   * @param kind random forest or extra trees
   * @return a builder with 100 trees, unlimited depth, feature fraction 0.5, minimum child weight
   *     5, seed 1 and no class weights
   */
  public static Builder builder(Kind kind) {
    return new Builder(kind);
  }

  @Override
  public Classifier fit(LabeledRows train, LabeledRows validation) {
    Objects.requireNonNull(train, "train");
    train.requireCompatible(validation);
    return compile(fitTribuo(train), train.numClasses(), train.featureCount(), trees);
  }

  /**
   * Trains the Tribuo forest only, for callers who want Tribuo's own model (for example to compare
   * its predictions with the compiled {@link Classifier}'s; {@link #fit} compiles this same
   * forest).
   *
   * @param train training rows, no NaN
   * @return Tribuo's forest, predicting with {@code FullyWeightedVotingCombiner}
   * @throws InvalidDataException if a value is NaN
   */
  public EnsembleModel<Label> fitTribuo(LabeledRows train) {
    Objects.requireNonNull(train, "train");
    LabelFactory factory = new LabelFactory();
    MutableDataset<Label> data =
        new MutableDataset<>(new SimpleDataSourceProvenance("aura LabeledRows", factory), factory);
    String[] names = featureNames(train.featureCount());
    float[] weights = classWeights.isNone() ? null : classWeights.rowWeights(train);
    for (int i = 0; i < train.size(); i++) {
      float[] row = train.row(i);
      for (int f = 0; f < row.length; f++) {
        if (Float.isNaN(row[f])) {
          throw new InvalidDataException(
              "training row "
                  + i
                  + ", feature "
                  + f
                  + " is NaN (missing); Tribuo forests have no missing values, impute first");
        }
      }
      Example<Label> e = example(row, names, new Label(Integer.toString(train.label(i))));
      if (weights != null) {
        e.setWeight(weights[i]);
      }
      data.add(e);
    }
    CARTClassificationTrainer cart =
        new CARTClassificationTrainer(
            maxDepth,
            minChildWeight,
            0f,
            featureFraction,
            kind == Kind.EXTRA_TREES,
            new GiniIndex(),
            seed);
    FullyWeightedVotingCombiner mean = new FullyWeightedVotingCombiner();
    return kind == Kind.EXTRA_TREES
        ? new ExtraTreesTrainer<>(cart, mean, trees, seed).train(data)
        : new RandomForestTrainer<>(cart, mean, trees, seed).train(data);
  }

  /** Compiles a forest trained by {@link #fitTribuo}: equal weights, probability averaging. */
  static Classifier compile(
      EnsembleModel<Label> forest, int numClasses, int numFeatures, int expectedTrees) {
    List<TreeModel<Label>> members = new ArrayList<>();
    for (Model<Label> m : forest.getModels()) {
      if (!(m instanceof TreeModel)) {
        throw new InvalidDataException(
            "forest member "
                + members.size()
                + " is a "
                + m.getClass().getName()
                + ", not a Tribuo TreeModel");
      }
      @SuppressWarnings("unchecked")
      TreeModel<Label> t = (TreeModel<Label>) m;
      members.add(t);
    }
    if (members.size() != expectedTrees) {
      throw new InvalidDataException(
          "forest has " + members.size() + " trees, expected " + expectedTrees);
    }
    List<String> labels = new ArrayList<>(numClasses);
    for (int k = 0; k < numClasses; k++) {
      labels.add(Integer.toString(k));
    }
    TribuoTreeImporter.Imported imported =
        TribuoTreeImporter.fromAveragedTrees(members, List.of(featureNames(numFeatures)), labels);
    return Classifier.of(
        imported.ensemble(), numClasses, "tribuo-" + forest.getName(), members.size());
  }

  /** The Tribuo feature names of {@code n} columns: Aura's positional names {@code f0 … f(n-1)}. */
  static String[] featureNames(int n) {
    return io.aura.features.FeatureSchema.positional(n).names().toArray(new String[0]);
  }

  /** A dense Tribuo example of a row, as {@link #fitTribuo} builds them. */
  static Example<Label> example(float[] row, String[] names, Label label) {
    double[] values = new double[names.length];
    for (int f = 0; f < names.length; f++) {
      values[f] = row[f];
    }
    return new ArrayExample<>(label, names, values);
  }

  @Override
  public String toString() {
    return "TribuoForestTrainer{"
        + kind
        + ", trees="
        + trees
        + ", maxDepth="
        + maxDepth
        + ", featureFraction="
        + featureFraction
        + ", minChildWeight="
        + minChildWeight
        + ", seed="
        + seed
        + ", classWeights="
        + classWeights
        + "}";
  }

  /**
   * Builder of {@link TribuoForestTrainer}. Thread safety: not thread-safe. Allocation and
   * complexity: O(1) per call.
   */
  public static final class Builder {
    private final Kind kind;
    private int trees = 100;
    private int maxDepth = Integer.MAX_VALUE;
    private float featureFraction = 0.5f;
    private float minChildWeight = 5f;
    private long seed = 1;
    private ClassWeights classWeights = ClassWeights.none();

    private Builder(Kind kind) {
      this.kind = Objects.requireNonNull(kind, "kind");
    }

    /**
     * @param n number of trees, at least 1
     * @return this builder
     */
    public Builder treeCount(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("trees must be >= 1, got " + n);
      }
      this.trees = n;
      return this;
    }

    /**
     * @param depth deepest tree (edges from the root), 1 to {@link TreeEnsemble#MAX_DEPTH}
     * @return this builder
     */
    public Builder maxDepth(int depth) {
      if (depth < 1 || depth > TreeEnsemble.MAX_DEPTH) {
        throw new IllegalArgumentException(
            "maxDepth must be in [1, " + TreeEnsemble.MAX_DEPTH + "], got " + depth);
      }
      this.maxDepth = depth;
      return this;
    }

    /**
     * @param fraction fraction of the features considered at each split, in (0, 1]; a random forest
     *     needs it below 1
     * @return this builder
     */
    public Builder featureFraction(double fraction) {
      if (!(fraction > 0 && fraction <= 1)) {
        throw new IllegalArgumentException("featureFraction must be in (0, 1], got " + fraction);
      }
      this.featureFraction = (float) fraction;
      return this;
    }

    /**
     * @param weight smallest total example weight of a child, at least 0
     * @return this builder
     */
    public Builder minChildWeight(double weight) {
      if (!(weight >= 0) || Double.isInfinite(weight)) {
        throw new IllegalArgumentException("minChildWeight must be finite and >= 0, got " + weight);
      }
      this.minChildWeight = (float) weight;
      return this;
    }

    /**
     * @param seed seed of the bootstrap samples and feature / split-point draws
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * @param weights class weights, applied as Tribuo example weights
     * @return this builder
     */
    public Builder classWeights(ClassWeights weights) {
      this.classWeights = Objects.requireNonNull(weights, "weights");
      return this;
    }

    /**
     * @return the trainer
     * @throws IllegalArgumentException if a random forest is asked to use every feature at every
     *     split (it would then be bagged CART, which Tribuo's random forest rejects)
     */
    public TribuoForestTrainer build() {
      if (kind == Kind.RANDOM_FOREST && featureFraction >= 1f) {
        throw new IllegalArgumentException(
            "a random forest needs featureFraction < 1, got " + featureFraction);
      }
      return new TribuoForestTrainer(this);
    }
  }
}
