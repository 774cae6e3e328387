package io.aura.models.trees.tribuo;

import io.aura.features.InvalidDataException;
import io.aura.models.trees.Link;
import io.aura.models.trees.TreeEnsemble;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.VariableInfo;
import org.tribuo.classification.Label;
import org.tribuo.common.tree.LeafNode;
import org.tribuo.common.tree.Node;
import org.tribuo.common.tree.SplitNode;
import org.tribuo.common.tree.TreeModel;

/**
 * Compiles a Tribuo classification tree ({@code TreeModel<Label>}, e.g. from {@code
 * CARTClassificationTrainer}) into a {@link TreeEnsemble} with one output group per label, whose
 * outputs are the leaf's class distribution (identity link): group {@code k} is the probability
 * Tribuo reports for label {@code labels().get(k)}.
 *
 * <p>Tribuo sends {@code x > splitValue} to the "greater than" child (a double comparison); the
 * engine stores the exact float32 equivalent of {@code x <= splitValue} (see {@link TreeEnsemble}).
 * Tribuo has no missing values — a feature absent from a sparse example is 0 — so callers pass 0
 * for absent features; NaN goes to the "less than or equal" child, as {@code NaN > t} is false in
 * Tribuo. Tribuo trees carry no covers, so TreeSHAP is not available for them. Forests: {@link
 * #fromAveragedTrees} imports the members of an equally weighted, probability averaging forest
 * ({@link TribuoForestTrainer} trains one); other {@code WeightedEnsembleModel}s are not supported,
 * as Tribuo does not expose their combiner or member weights.
 *
 * <p>Needs the optional dependency {@code org.tribuo:tribuo-classification-tree}. Thread safety:
 * stateless static methods. Allocation: O(nodes × labels). Complexity: O(nodes × labels); the tree
 * is walked with an explicit stack.
 *
 * <p>Reference: Tribuo, https://tribuo.org ({@code org.tribuo.common.tree.SplitNode#getNextNode}).
 */
public final class TribuoTreeImporter {
  private TribuoTreeImporter() {}

  /**
   * The imported model and its label order.
   *
   * <p>Thread safety: immutable.
   */
  public static final class Imported {
    private final TreeEnsemble ensemble;
    private final List<String> labels;

    Imported(TreeEnsemble ensemble, List<String> labels) {
      this.ensemble = ensemble;
      this.labels = List.copyOf(labels);
    }

    /**
     * @return the ensemble; group {@code k} is the probability of {@code labels().get(k)}
     */
    public TreeEnsemble ensemble() {
      return ensemble;
    }

    /**
     * @return label names in output-group order (Tribuo's label ids)
     */
    public List<String> labels() {
      return labels;
    }
  }

  /**
   * Imports a classification tree.
   *
   * @param model the Tribuo tree
   * @param columns the feature name of each row column, in the order rows will be passed
   * @return the ensemble and its label order
   * @throws InvalidDataException if a split uses a feature not named in {@code columns}
   */
  public static Imported fromClassificationTree(TreeModel<Label> model, List<String> columns) {
    Objects.requireNonNull(model, "model");
    ImmutableOutputInfo<Label> outputs = model.getOutputIDInfo();
    int k = outputs.size();
    List<String> labels = new ArrayList<>(k);
    for (int id = 0; id < k; id++) {
      labels.add(outputs.getOutput(id).getLabel());
    }
    return compile(List.of(model), columns, labels, 1.0);
  }

  /**
   * Imports the members of an averaged probability forest: Tribuo's {@code RandomForestTrainer} or
   * {@code ExtraTreesTrainer} with a {@code FullyWeightedVotingCombiner} and equal member weights
   * (what those trainers build), whose prediction is the mean of the members' leaf distributions.
   * Each member's leaf distribution is divided by the number of members, so the engine's sum over
   * trees is that mean (up to float32 rounding of the leaves). A forest combined by hard voting
   * ({@code VotingCombiner}) or with unequal weights is <em>not</em> this model; Tribuo does not
   * expose a model's combiner or weights, so the caller must know how the forest was trained.
   *
   * @param members the forest's trees ({@code EnsembleModel#getModels()})
   * @param columns the feature name of each row column, in the order rows will be passed
   * @param labels label names in output-group order; a label a leaf does not mention scores 0
   * @return the ensemble ({@link Link#IDENTITY}, one group per label) and its label order
   * @throws InvalidDataException if a split uses a feature not named in {@code columns}
   */
  public static Imported fromAveragedTrees(
      List<TreeModel<Label>> members, List<String> columns, List<String> labels) {
    if (members.isEmpty()) {
      throw new InvalidDataException("forest has no trees");
    }
    if (labels.isEmpty()) {
      throw new InvalidDataException("forest has no labels");
    }
    return compile(members, columns, labels, 1.0 / members.size());
  }

  private static Imported compile(
      List<TreeModel<Label>> members, List<String> columns, List<String> labels, double scale) {
    int k = labels.size();
    TreeEnsemble.Builder b =
        TreeEnsemble.builder(Math.max(1, columns.size()), k)
            .link(Link.IDENTITY, 1.0)
            .featureNames(columns.isEmpty() ? null : columns);
    try {
      for (TreeModel<Label> model : members) {
        addTree(b, Objects.requireNonNull(model, "member"), columns, labels, scale);
      }
      return new Imported(b.build(), labels);
    } catch (InvalidDataException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new InvalidDataException("Tribuo tree: " + e.getMessage(), e);
    }
  }

  /** Adds one tree per label: leaf value = scale × the leaf's probability of that label. */
  private static void addTree(
      TreeEnsemble.Builder b,
      TreeModel<Label> model,
      List<String> columns,
      List<String> labels,
      double scale) {
    ImmutableFeatureMap features = model.getFeatureIDMap();
    Map<Integer, Integer> column = new HashMap<>();
    for (int c = 0; c < columns.size(); c++) {
      VariableInfo info = features.get(columns.get(c));
      if (info != null) {
        column.put(features.getID(columns.get(c)), c);
      }
    }
    // number the nodes in depth-first order with an explicit stack
    List<Node<Label>> nodes = new ArrayList<>();
    Map<Node<Label>, Integer> index = new IdentityHashMap<>();
    ArrayDeque<Node<Label>> stack = new ArrayDeque<>();
    stack.push(model.getRoot());
    while (!stack.isEmpty()) {
      Node<Label> n = stack.pop();
      if (index.containsKey(n)) {
        throw new InvalidDataException("Tribuo tree reaches a node twice");
      }
      if (nodes.size() >= TreeEnsemble.MAX_NODES) {
        throw new InvalidDataException(
            "Tribuo tree has more than " + TreeEnsemble.MAX_NODES + " nodes");
      }
      index.put(n, nodes.size());
      nodes.add(n);
      if (!n.isLeaf()) {
        SplitNode<Label> s = (SplitNode<Label>) n;
        stack.push(s.getGreaterThan());
        stack.push(s.getLessThanOrEqual());
      }
    }
    for (int g = 0; g < labels.size(); g++) {
      TreeEnsemble.TreeBuilder tb = b.addTree(g, nodes.size());
      for (int i = 0; i < nodes.size(); i++) {
        Node<Label> n = nodes.get(i);
        if (n.isLeaf()) {
          Label l = ((LeafNode<Label>) n).getDistribution().get(labels.get(g));
          tb.leaf(i, l == null ? 0f : (float) (scale * l.getScore()));
        } else {
          SplitNode<Label> s = (SplitNode<Label>) n;
          Integer col = column.get(s.getFeatureID());
          if (col == null) {
            throw new InvalidDataException(
                "Tribuo split on feature '"
                    + features.get(s.getFeatureID()).getName()
                    + "' which is not among the columns");
          }
          tb.split(
              i,
              col,
              lessThanBound(s.splitValue()),
              index.get(s.getLessThanOrEqual()),
              index.get(s.getGreaterThan()),
              true);
        }
      }
    }
  }

  /** Same exact rule as for LightGBM: {@code x <= t} for float {@code x} iff {@code x < u}. */
  private static float lessThanBound(double t) {
    if (Double.isNaN(t)) {
      throw new InvalidDataException("Tribuo split value is NaN");
    }
    float f = (float) t;
    if (f > t) {
      f = Math.nextDown(f);
    }
    return Math.nextUp(f);
  }
}
