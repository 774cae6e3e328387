package io.aura.models.trees;

import com.fasterxml.jackson.databind.JsonNode;
import io.aura.features.InvalidDataException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports an XGBoost model saved with {@code save_model} in JSON ({@code .json}) or UBJSON ({@code
 * .ubj}, XGBoost ≥ 2 default) into a {@link TreeEnsemble}, without the XGBoost library.
 *
 * <p>Reads {@code learner.gradient_booster} ({@code gbtree}, or {@code dart} with its tree
 * weights), per tree {@code left_children}, {@code right_children}, {@code split_indices}, {@code
 * split_conditions} (threshold for splits, leaf output for leaves), {@code default_left}, {@code
 * sum_hessian} (cover, for TreeSHAP) and {@code loss_changes} (gain), {@code tree_info} (output
 * group per tree), and {@code learner_model_param} ({@code base_score}, {@code num_class}, {@code
 * num_feature}). XGBoost stores {@code base_score} on the output scale (a probability for logistic
 * objectives); it is passed through the objective link's inverse, as XGBoost itself does ({@code
 * ObjFunction::ProbToMargin}), to obtain the margin.
 *
 * <p>Categorical splits ({@code split_type} 1, {@code categories_nodes/segments/sizes}) are
 * supported with XGBoost's rule: listed categories go right; unseen, negative (even -0.5) and
 * too-large values go left; NaN follows {@code default_left}.
 *
 * <p>Not supported (rejected with a clear message): {@code gblinear}, multi-target trees ({@code
 * size_leaf_vector > 1}) and unknown objectives.
 *
 * <p>Safe on untrusted input: lengths are checked against {@code num_nodes} before any per-node
 * allocation, indices are range-checked, cycles and shared children are rejected, and trees are
 * laid out iteratively. Thread safety: stateless static methods. Allocation: the parsed document
 * plus the ensemble. Complexity: O(file size).
 *
 * <p>Reference: XGBoost JSON model schema, {@code doc/model.schema} in the XGBoost repository;
 * "Introduction to Model IO" in the XGBoost documentation.
 */
public final class XGBoostModelReader {
  private XGBoostModelReader() {}

  /**
   * Reads a model file, detecting JSON or UBJSON from its first bytes.
   *
   * @param path the file written by {@code Booster.save_model}
   * @return the compiled ensemble
   * @throws InvalidDataException if the file is not a supported, well-formed XGBoost model
   */
  public static TreeEnsemble read(Path path) {
    return read(ModelInput.readAll(path), path.toString());
  }

  /**
   * Reads a model from a stream (JSON or UBJSON, detected); the stream is read to its end but not
   * closed.
   *
   * @param in the model bytes
   * @param source a name for error messages
   * @return the compiled ensemble
   */
  public static TreeEnsemble read(InputStream in, String source) {
    return read(ModelInput.readAll(in, source), source);
  }

  /**
   * Reads a model from bytes (JSON or UBJSON, detected).
   *
   * @param data the model bytes
   * @param source a name for error messages
   * @return the compiled ensemble
   */
  public static TreeEnsemble read(byte[] data, String source) {
    return read(data, source, -1);
  }

  /**
   * Reads a model from bytes (JSON or UBJSON, detected), keeping only its first boosting rounds;
   * used after early stopping to drop the rounds past the best one.
   *
   * @param data the model bytes
   * @param source a name for error messages
   * @param iterations number of leading boosting rounds to keep, or -1 for all
   * @return the compiled ensemble
   */
  public static TreeEnsemble read(byte[] data, String source, int iterations) {
    JsonNode doc = isJson(data) ? ModelInput.parseJson(data, source) : Ubjson.parse(data, source);
    return fromDocument(doc, source, iterations);
  }

  private static boolean isJson(byte[] data) {
    int i = 0;
    while (i < data.length && Character.isWhitespace(data[i])) {
      i++;
    }
    if (i >= data.length || data[i] != '{') {
      return false;
    }
    // JSON: '{' followed by whitespace, '"' or '}'; UBJSON: '{' followed by a length marker.
    int j = i + 1;
    while (j < data.length && Character.isWhitespace(data[j])) {
      j++;
    }
    return j < data.length && (data[j] == '"' || data[j] == '}');
  }

  static TreeEnsemble fromDocument(JsonNode root, String source, int iterations) {
    JsonNode learner = ModelInput.field(root, "learner", source);
    String where = source + ": learner";
    JsonNode param = ModelInput.field(learner, "learner_model_param", where);
    int numClass =
        ModelInput.checkedInt(
            ModelInput.integer(ModelInput.field(param, "num_class", where), where + ".num_class"),
            0,
            1 << 16,
            where + ".num_class");
    if (param.has("num_target")) {
      long targets = ModelInput.integer(param.get("num_target"), where + ".num_target");
      if (targets != 1) {
        throw new InvalidDataException(
            where + ": num_target = " + targets + "; multi-target models are not supported");
      }
    }
    int groups = Math.max(1, numClass);
    long declaredFeatures =
        param.has("num_feature")
            ? ModelInput.integer(param.get("num_feature"), where + ".num_feature")
            : 0;
    ModelInput.checkedInt(declaredFeatures, 0, Integer.MAX_VALUE, where + ".num_feature");
    double[] baseScoreOut =
        baseScores(ModelInput.field(param, "base_score", where), where + ".base_score");
    String objective =
        ModelInput.field(
                ModelInput.field(learner, "objective", where), "name", where + ".objective")
            .asText();
    Link link;
    Link inverse; // link whose inverse maps base_score to a margin
    switch (objective) {
      case "binary:logistic":
      case "reg:logistic":
        link = Link.SIGMOID;
        inverse = Link.SIGMOID;
        break;
      case "binary:logitraw":
        link = Link.IDENTITY;
        inverse = Link.SIGMOID;
        break;
      case "multi:softprob":
      case "multi:softmax":
        link = Link.SOFTMAX;
        inverse = Link.IDENTITY;
        break;
      case "count:poisson":
      case "reg:gamma":
      case "reg:tweedie":
      case "survival:cox":
      case "survival:aft":
        link = Link.EXP;
        inverse = Link.EXP;
        break;
      case "reg:squarederror":
      case "reg:linear":
      case "reg:squaredlogerror":
      case "reg:pseudohubererror":
      case "reg:absoluteerror":
      case "reg:quantileerror":
      case "binary:hinge":
      case "rank:pairwise":
      case "rank:ndcg":
      case "rank:map":
        link = Link.IDENTITY;
        inverse = Link.IDENTITY;
        break;
      default:
        throw new InvalidDataException(where + ": unsupported objective '" + objective + "'");
    }
    if (baseScoreOut.length != 1 && baseScoreOut.length != groups) {
      throw new InvalidDataException(
          where
              + ".base_score has "
              + baseScoreOut.length
              + " values for "
              + groups
              + " output groups");
    }
    double[] baseMargin = new double[baseScoreOut.length];
    for (int i = 0; i < baseMargin.length; i++) {
      try {
        baseMargin[i] = probToMargin(inverse, (float) baseScoreOut[i]);
      } catch (IllegalArgumentException e) {
        throw new InvalidDataException(
            where
                + ".base_score "
                + baseScoreOut[i]
                + " is invalid for objective "
                + objective
                + ": "
                + e.getMessage(),
            e);
      }
    }

    JsonNode booster = ModelInput.field(learner, "gradient_booster", where);
    String boosterName = ModelInput.field(booster, "name", where + ".gradient_booster").asText();
    JsonNode weightDrop = null;
    JsonNode model;
    if ("gbtree".equals(boosterName)) {
      model = ModelInput.field(booster, "model", where + ".gradient_booster");
    } else if ("dart".equals(boosterName)) {
      model =
          ModelInput.field(
              ModelInput.field(booster, "gbtree", where + ".gradient_booster"),
              "model",
              where + ".gradient_booster.gbtree");
      weightDrop = ModelInput.array(booster, "weight_drop", -1, where + ".gradient_booster");
    } else {
      throw new InvalidDataException(
          where + ": booster '" + boosterName + "' is not supported (only gbtree and dart)");
    }
    String mwhere = where + ".gradient_booster.model";
    JsonNode trees = ModelInput.array(model, "trees", -1, mwhere);
    JsonNode treeInfo = ModelInput.array(model, "tree_info", trees.size(), mwhere);
    int treeCount =
        iterations < 0
            ? trees.size()
            : treesInFirstIterations(model, iterations, groups, trees.size(), mwhere);
    if (weightDrop != null && weightDrop.size() != trees.size()) {
      throw new InvalidDataException(
          where
              + ": weight_drop has "
              + weightDrop.size()
              + " entries for "
              + treeCount
              + " trees");
    }

    // First pass: validate sizes and find the feature count.
    int maxFeature = -1;
    List<int[]> lefts = new ArrayList<>(treeCount);
    for (int t = 0; t < treeCount; t++) {
      String tw = mwhere + ".trees[" + t + "]";
      JsonNode tree = trees.get(t);
      JsonNode tp = ModelInput.field(tree, "tree_param", tw);
      int nodes =
          ModelInput.checkedInt(
              ModelInput.integer(ModelInput.field(tp, "num_nodes", tw + ".tree_param"), tw),
              1,
              TreeEnsemble.MAX_NODES,
              tw + ".tree_param.num_nodes");
      if (tp.has("size_leaf_vector")) {
        long slv = ModelInput.integer(tp.get("size_leaf_vector"), tw + ".size_leaf_vector");
        if (slv > 1) {
          throw new InvalidDataException(
              tw + ": multi-target trees (size_leaf_vector = " + slv + ") are not supported");
        }
      }
      JsonNode split = ModelInput.array(tree, "split_indices", nodes, tw);
      ModelInput.array(tree, "split_conditions", nodes, tw);
      ModelInput.array(tree, "right_children", nodes, tw);
      ModelInput.array(tree, "default_left", nodes, tw);
      JsonNode left = ModelInput.array(tree, "left_children", nodes, tw);
      if (tree.has("split_type")) {
        ModelInput.array(tree, "split_type", nodes, tw);
      }
      int[] l = new int[nodes];
      for (int i = 0; i < nodes; i++) {
        l[i] =
            ModelInput.checkedInt(
                ModelInput.integer(left.get(i), tw + ".left_children"),
                -1,
                nodes - 1,
                tw + ".left_children[" + i + "]");
        if (l[i] >= 0) {
          int f =
              ModelInput.checkedInt(
                  ModelInput.integer(split.get(i), tw + ".split_indices"),
                  0,
                  Integer.MAX_VALUE - 1,
                  tw + ".split_indices[" + i + "]");
          maxFeature = Math.max(maxFeature, f);
        }
      }
      lefts.add(l);
    }
    if (declaredFeatures > 0 && maxFeature >= declaredFeatures) {
      throw new InvalidDataException(
          where
              + ": a split uses feature "
              + maxFeature
              + " but num_feature = "
              + declaredFeatures);
    }
    int numFeatures = (int) Math.max(declaredFeatures, maxFeature + 1L);
    if (numFeatures < 1) {
      numFeatures = 1;
    }
    List<String> names = featureNames(learner, numFeatures);

    TreeEnsemble.Builder b =
        TreeEnsemble.builder(numFeatures, groups)
            .link(link, 1.0)
            .baseScore(baseMargin)
            .featureNames(names)
            .float32Accumulation(true);
    for (int t = 0; t < treeCount; t++) {
      String tw = mwhere + ".trees[" + t + "]";
      JsonNode tree = trees.get(t);
      int group =
          ModelInput.checkedInt(
              ModelInput.integer(treeInfo.get(t), mwhere + ".tree_info"),
              0,
              groups - 1,
              mwhere + ".tree_info[" + t + "]");
      float weight =
          weightDrop == null
              ? 1f
              : (float) ModelInput.number(weightDrop.get(t), where + ".weight_drop[" + t + "]");
      int[] left = lefts.get(t);
      int nodes = left.length;
      JsonNode right = tree.get("right_children");
      JsonNode split = tree.get("split_indices");
      JsonNode cond = tree.get("split_conditions");
      JsonNode dleft = tree.get("default_left");
      JsonNode hess =
          tree.has("sum_hessian") ? ModelInput.array(tree, "sum_hessian", nodes, tw) : null;
      JsonNode loss =
          tree.has("loss_changes") ? ModelInput.array(tree, "loss_changes", nodes, tw) : null;
      JsonNode splitType = tree.get("split_type");
      Map<Integer, int[]> categories = categorySets(tree, nodes, tw);
      TreeEnsemble.TreeBuilder tb = b.addTree(group, nodes);
      try {
        for (int i = 0; i < nodes; i++) {
          boolean categorical =
              left[i] >= 0
                  && splitType != null
                  && ModelInput.integer(splitType.get(i), tw + ".split_type[" + i + "]") != 0;
          double c =
              categorical ? 0 : ModelInput.number(cond.get(i), tw + ".split_conditions[" + i + "]");
          if (left[i] < 0) {
            tb.leaf(i, weight == 1f ? (float) c : weight * (float) c);
          } else {
            int r =
                ModelInput.checkedInt(
                    ModelInput.integer(right.get(i), tw + ".right_children"),
                    0,
                    nodes - 1,
                    tw + ".right_children[" + i + "]");
            boolean dl =
                dleft.get(i).isBoolean()
                    ? dleft.get(i).asBoolean()
                    : ModelInput.integer(dleft.get(i), tw + ".default_left") != 0;
            int f = (int) ModelInput.integer(split.get(i), tw);
            if (categorical) {
              int[] bits = categories.get(i);
              if (bits == null) {
                throw new InvalidDataException(
                    tw
                        + ", node "
                        + i
                        + ": categorical split without a category set in categories_nodes");
              }
              // XGBoost sends the listed categories right and everything else (unseen, negative,
              // too large) left: the engine's "in set" branch is therefore XGBoost's right child.
              tb.categorical(i, f, bits, r, left[i], !dl).negativeIsUnseen(i);
            } else {
              tb.split(i, f, (float) c, left[i], r, dl);
            }
            if (loss != null) {
              tb.gain(i, ModelInput.number(loss.get(i), tw + ".loss_changes[" + i + "]"));
            }
          }
          if (hess != null) {
            tb.cover(i, ModelInput.number(hess.get(i), tw + ".sum_hessian[" + i + "]"));
          }
        }
      } catch (InvalidDataException e) {
        throw e;
      } catch (IllegalArgumentException e) {
        throw new InvalidDataException(source + ": " + e.getMessage(), e);
      }
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new InvalidDataException(source + ": " + e.getMessage(), e);
    }
  }

  /** Largest category XGBoost accepts (categories must be exact in float32). */
  private static final int MAX_CATEGORY = 1 << 24;

  /** Category bitsets of the tree's categorical nodes, keyed by node id. */
  private static Map<Integer, int[]> categorySets(JsonNode tree, int nodes, String tw) {
    Map<Integer, int[]> sets = new HashMap<>();
    JsonNode ids = tree.get("categories_nodes");
    if (ids == null || !ids.isArray() || ids.size() == 0) {
      return sets;
    }
    JsonNode segments = ModelInput.array(tree, "categories_segments", ids.size(), tw);
    JsonNode sizes = ModelInput.array(tree, "categories_sizes", ids.size(), tw);
    JsonNode cats = ModelInput.array(tree, "categories", -1, tw);
    for (int k = 0; k < ids.size(); k++) {
      int node =
          ModelInput.checkedInt(
              ModelInput.integer(ids.get(k), tw),
              0,
              nodes - 1,
              tw + ".categories_nodes[" + k + "]");
      long from = ModelInput.integer(segments.get(k), tw + ".categories_segments[" + k + "]");
      long count = ModelInput.integer(sizes.get(k), tw + ".categories_sizes[" + k + "]");
      if (from < 0 || count < 0 || from + count > cats.size()) {
        throw new InvalidDataException(
            tw
                + ": category segment "
                + k
                + " ["
                + from
                + ", "
                + (from + count)
                + ") outside the "
                + cats.size()
                + " categories");
      }
      int max = -1;
      int[] values = new int[(int) count];
      for (int j = 0; j < count; j++) {
        values[j] =
            ModelInput.checkedInt(
                ModelInput.integer(cats.get((int) (from + j)), tw),
                0,
                MAX_CATEGORY - 1,
                tw + ".categories[" + (from + j) + "]");
        max = Math.max(max, values[j]);
      }
      int[] bits = new int[max / 32 + 1];
      for (int v : values) {
        bits[v >>> 5] |= 1 << (v & 31);
      }
      if (sets.put(node, bits) != null) {
        throw new InvalidDataException(tw + ": node " + node + " has two category sets");
      }
    }
    return sets;
  }

  /**
   * XGBoost's {@code ProbToMargin} in float32 arithmetic, as XGBoost computes it, so that the base
   * margin is the same float32 XGBoost starts each prediction from.
   */
  private static float probToMargin(Link inverse, float p) {
    switch (inverse) {
      case SIGMOID:
        if (!(p > 0f && p < 1f)) {
          throw new IllegalArgumentException("sigmoid inverse needs 0 < p < 1, got " + p);
        }
        return (float) -Math.log(1.0f / p - 1.0f);
      case EXP:
        if (!(p > 0f)) {
          throw new IllegalArgumentException("log link inverse needs a positive value, got " + p);
        }
        return (float) Math.log(p);
      default:
        return p;
    }
  }

  /** XGBoost ≤ 2 stores one number as a string; XGBoost 3 may store "[v0,v1,...]". */
  private static double[] baseScores(JsonNode n, String what) {
    if (n.isTextual() && n.asText().trim().startsWith("[")) {
      String body = n.asText().trim();
      if (!body.endsWith("]")) {
        throw new InvalidDataException(what + ": '" + body + "' is not a list of numbers");
      }
      String[] parts = body.substring(1, body.length() - 1).split(",");
      if (parts.length > 1 << 16) {
        throw new InvalidDataException(what + ": too many values");
      }
      double[] v = new double[parts.length];
      for (int i = 0; i < parts.length; i++) {
        v[i] =
            ModelInput.number(
                com.fasterxml.jackson.databind.node.TextNode.valueOf(parts[i].trim()),
                what + "[" + i + "]");
      }
      return v;
    }
    if (n.isArray()) {
      double[] v = new double[n.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = ModelInput.number(n.get(i), what + "[" + i + "]");
      }
      return v;
    }
    return new double[] {ModelInput.number(n, what)};
  }

  private static int treesInFirstIterations(
      JsonNode model, int iterations, int groups, int total, String where) {
    JsonNode indptr = model.get("iteration_indptr");
    long count;
    if (indptr != null && indptr.isArray() && indptr.size() > 0) {
      int i = Math.min(iterations, indptr.size() - 1);
      count = ModelInput.integer(indptr.get(i), where + ".iteration_indptr[" + i + "]");
    } else {
      JsonNode p = model.get("gbtree_model_param");
      long parallel =
          p != null && p.has("num_parallel_tree")
              ? ModelInput.integer(p.get("num_parallel_tree"), where + ".num_parallel_tree")
              : 1;
      count = (long) iterations * groups * Math.max(1, parallel);
    }
    if (count < 0) {
      throw new InvalidDataException(
          where + ": negative tree count for " + iterations + " iterations");
    }
    return (int) Math.min(count, total);
  }

  private static List<String> featureNames(JsonNode learner, int numFeatures) {
    JsonNode fn = learner.get("feature_names");
    if (fn == null || !fn.isArray() || fn.size() != numFeatures) {
      return null;
    }
    List<String> names = new ArrayList<>(numFeatures);
    for (JsonNode n : fn) {
      names.add(n.asText());
    }
    return names;
  }
}
