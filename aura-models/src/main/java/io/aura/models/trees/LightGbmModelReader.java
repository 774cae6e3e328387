package io.aura.models.trees;

import io.aura.features.InvalidDataException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports a LightGBM text model ({@code Booster.save_model} / {@code saveModelToString}) into a
 * {@link TreeEnsemble}, without the LightGBM library.
 *
 * <p>Reads the header ({@code num_class}, {@code num_tree_per_iteration}, {@code max_feature_idx},
 * {@code objective}, {@code feature_names}) and each {@code Tree=} block: {@code num_leaves},
 * {@code split_feature}, {@code threshold}, {@code decision_type} (bit 0 categorical, bit 1 default
 * left, bits 2-3 missing type None/Zero/NaN), {@code left_child}/{@code right_child} (negative
 * {@code c} is leaf {@code ~c}), {@code leaf_value}, {@code cat_boundaries}/{@code cat_threshold}
 * (bitsets of the categories that go left), {@code split_gain} (gain) and {@code
 * internal_count}/{@code leaf_count} (cover, as LightGBM's own SHAP uses). Tree {@code t} feeds
 * output group {@code t % num_tree_per_iteration}; leaf values already include shrinkage and the
 * initial score, so the base score is 0.
 *
 * <p>Threshold rule: LightGBM sends {@code x <= t} left with a double {@code t}. The importer
 * stores {@code nextUp(f)} where {@code f} is the largest float32 {@code <= t}, and the engine
 * tests {@code x < nextUp(f)}; this is exactly LightGBM's decision for every float32 input (see
 * {@link TreeEnsemble}). Leaf values are rounded to the nearest float32.
 *
 * <p>Not supported (rejected): linear trees ({@code is_linear=1}), {@code average_output} (random
 * forest mode) and objectives whose link is not identity/sigmoid/softmax/exp.
 *
 * <p>Safe on untrusted input: all counts are checked against {@code num_leaves} before allocation,
 * indices are range-checked, cycles rejected, layout is iterative, errors name the tree and line.
 * Thread safety: stateless static methods. Allocation: the text plus the ensemble. Complexity:
 * O(file size).
 *
 * <p>Reference: LightGBM {@code include/LightGBM/tree.h} ({@code NumericalDecision}, {@code
 * CategoricalDecision}) and {@code src/io/tree.cpp} ({@code Tree::ToString}) describe the format.
 */
public final class LightGbmModelReader {
  private static final int MISSING_NONE = 0;
  private static final int MISSING_ZERO = 1;
  private static final int MISSING_NAN = 2;

  private LightGbmModelReader() {}

  /**
   * Reads a model file.
   *
   * @param path the text model
   * @return the compiled ensemble
   * @throws InvalidDataException if the model is malformed or unsupported
   */
  public static TreeEnsemble read(Path path) {
    return parse(new String(ModelInput.readAll(path), StandardCharsets.UTF_8), path.toString());
  }

  /**
   * Reads a model from a stream (read to its end, not closed).
   *
   * @param in the model text, UTF-8
   * @param source a name for error messages
   * @return the compiled ensemble
   */
  public static TreeEnsemble read(InputStream in, String source) {
    return parse(new String(ModelInput.readAll(in, source), StandardCharsets.UTF_8), source);
  }

  /**
   * Parses model text, as returned by LightGBM's {@code saveModelToString}.
   *
   * @param text the model
   * @param source a name for error messages
   * @return the compiled ensemble
   */
  public static TreeEnsemble parse(String text, String source) {
    // Split on '\n' only (String.split's single-character fast path, no regular expression); a
    // '\r' before it is removed by the trim below, exactly as a "\r?\n" split would.
    String[] lines = text.split("\n", -1);
    Map<String, String> header = new HashMap<>();
    Map<String, Integer> headerLine = new HashMap<>();
    List<Map<String, String>> trees = new ArrayList<>();
    List<Map<String, Integer>> treeLines = new ArrayList<>();
    Map<String, String> current = header;
    Map<String, Integer> currentLines = headerLine;
    boolean sawTree = false;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].trim();
      if (line.equals("end of trees")) {
        break;
      }
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("Tree=")) {
        int declared = parseInt(line.substring(5), source, i + 1, "Tree");
        if (declared != trees.size()) {
          throw new InvalidDataException(
              source + ":" + (i + 1) + ": expected Tree=" + trees.size() + ", found " + line);
        }
        current = new HashMap<>();
        currentLines = new HashMap<>();
        trees.add(current);
        treeLines.add(currentLines);
        sawTree = true;
        continue;
      }
      int eq = line.indexOf('=');
      String key = eq < 0 ? line : line.substring(0, eq);
      String value = eq < 0 ? "" : line.substring(eq + 1);
      if (current.put(key, value) != null && sawTree) {
        throw new InvalidDataException(source + ":" + (i + 1) + ": duplicate key '" + key + "'");
      }
      currentLines.put(key, i + 1);
    }
    if (!header.containsKey("version") && !header.containsKey("tree")) {
      throw new InvalidDataException(source + ": not a LightGBM text model (no 'tree' header)");
    }
    if (header.containsKey("average_output")) {
      throw new InvalidDataException(
          source + ": average_output (random forest mode) is not " + "supported");
    }
    int numClass = headerInt(header, headerLine, "num_class", 1, source);
    int perIteration = headerInt(header, headerLine, "num_tree_per_iteration", numClass, source);
    if (perIteration < 1 || perIteration > 1 << 16) {
      throw new InvalidDataException(
          source + ": num_tree_per_iteration = " + perIteration + " outside [1, 65536]");
    }
    int maxFeatureIdx = headerInt(header, headerLine, "max_feature_idx", -2, source);
    if (maxFeatureIdx < 0 || maxFeatureIdx >= Integer.MAX_VALUE - 1) {
      throw new InvalidDataException(source + ": missing or invalid max_feature_idx");
    }
    int numFeatures = maxFeatureIdx + 1;
    String objective = header.getOrDefault("objective", "").trim();
    Link link = Link.IDENTITY;
    double scale = 1.0;
    String[] objTokens = objective.isEmpty() ? new String[] {""} : objective.split("\\s+");
    for (String tok : objTokens) {
      if (tok.startsWith("sigmoid:")) {
        scale =
            parseDouble(
                tok.substring(8), source, headerLine.getOrDefault("objective", 0), "sigmoid");
      }
    }
    switch (objTokens[0]) {
      case "binary":
      case "multiclassova":
      case "cross_entropy":
      case "xentropy":
        link = Link.SIGMOID;
        break;
      case "multiclass":
      case "softmax":
        link = Link.SOFTMAX;
        break;
      case "poisson":
      case "gamma":
      case "tweedie":
        link = Link.EXP;
        break;
      case "":
      case "custom":
      case "regression":
      case "regression_l2":
      case "regression_l1":
      case "huber":
      case "fair":
      case "quantile":
      case "mape":
      case "lambdarank":
      case "rank_xendcg":
        link = Link.IDENTITY;
        break;
      default:
        throw new InvalidDataException(
            source
                + ":"
                + headerLine.get("objective")
                + ": unsupported objective '"
                + objective
                + "'");
    }
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new InvalidDataException(source + ": sigmoid scale " + scale + " is not positive");
    }
    List<String> names = null;
    if (header.containsKey("feature_names")) {
      String[] fn = header.get("feature_names").trim().split("\\s+");
      if (fn.length == numFeatures) {
        names = Arrays.asList(fn);
      }
    }
    TreeEnsemble.Builder b =
        TreeEnsemble.builder(numFeatures, perIteration).link(link, scale).featureNames(names);
    for (int t = 0; t < trees.size(); t++) {
      addTree(b, t, t % perIteration, trees.get(t), treeLines.get(t), numFeatures, source);
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      if (e instanceof InvalidDataException) {
        throw e;
      }
      throw new InvalidDataException(source + ": " + e.getMessage(), e);
    }
  }

  private static void addTree(
      TreeEnsemble.Builder b,
      int t,
      int group,
      Map<String, String> tree,
      Map<String, Integer> lines,
      int numFeatures,
      String source) {
    String where = source + ": Tree=" + t;
    if ("1".equals(tree.getOrDefault("is_linear", "0").trim())) {
      throw new InvalidDataException(where + ": linear trees are not supported");
    }
    int leaves =
        parseInt(require(tree, "num_leaves", where), source, lines.get("num_leaves"), "num_leaves");
    if (leaves < 1 || leaves > TreeEnsemble.MAX_NODES / 2) {
      throw new InvalidDataException(where + ": num_leaves = " + leaves + " is out of range");
    }
    double[] leafValue = doubles(tree, lines, "leaf_value", leaves, where, source);
    double[] leafCount =
        tree.containsKey("leaf_count")
            ? doubles(tree, lines, "leaf_count", leaves, where, source)
            : null;
    int splits = leaves - 1;
    TreeEnsemble.TreeBuilder tb = b.addTree(group, 2 * leaves - 1);
    try {
      if (splits == 0) {
        tb.leaf(0, toFloat(leafValue[0], where, "leaf_value[0]"));
        if (leafCount != null) {
          tb.cover(0, leafCount[0]);
        }
        return;
      }
      double[] feature = doubles(tree, lines, "split_feature", splits, where, source);
      double[] threshold = doubles(tree, lines, "threshold", splits, where, source);
      double[] decision = doubles(tree, lines, "decision_type", splits, where, source);
      double[] left = doubles(tree, lines, "left_child", splits, where, source);
      double[] right = doubles(tree, lines, "right_child", splits, where, source);
      double[] gain =
          tree.containsKey("split_gain")
              ? doubles(tree, lines, "split_gain", splits, where, source)
              : null;
      double[] internalCount =
          tree.containsKey("internal_count")
              ? doubles(tree, lines, "internal_count", splits, where, source)
              : null;
      int numCat =
          tree.containsKey("num_cat")
              ? parseInt(tree.get("num_cat"), source, lines.get("num_cat"), "num_cat")
              : 0;
      if (numCat < 0 || numCat > splits) {
        throw new InvalidDataException(where + ": num_cat = " + numCat + " is out of range");
      }
      long[] catBoundaries = null;
      long[] catThreshold = null;
      if (numCat > 0) {
        double[] cb = doubles(tree, lines, "cat_boundaries", numCat + 1, where, source);
        catBoundaries = new long[cb.length];
        for (int i = 0; i < cb.length; i++) {
          catBoundaries[i] = (long) cb[i];
          if (cb[i] != catBoundaries[i]
              || catBoundaries[i] < 0
              || (i > 0 && catBoundaries[i] < catBoundaries[i - 1])) {
            throw new InvalidDataException(
                where + ": cat_boundaries are not non-decreasing " + "non-negative integers");
          }
        }
        double[] ct =
            doubles(
                tree,
                lines,
                "cat_threshold",
                (int) Math.min(Integer.MAX_VALUE, catBoundaries[numCat]),
                where,
                source);
        catThreshold = new long[ct.length];
        for (int i = 0; i < ct.length; i++) {
          catThreshold[i] = (long) ct[i];
          if (ct[i] != catThreshold[i] || catThreshold[i] < 0 || catThreshold[i] > 0xFFFFFFFFL) {
            throw new InvalidDataException(where + ": cat_threshold[" + i + "] is not a uint32");
          }
        }
      }
      for (int i = 0; i < splits; i++) {
        int f = intIn(feature[i], 0, numFeatures - 1, where, "split_feature[" + i + "]");
        int dt = intIn(decision[i], 0, 255, where, "decision_type[" + i + "]");
        int l = child(left[i], splits, leaves, where, "left_child[" + i + "]");
        int r = child(right[i], splits, leaves, where, "right_child[" + i + "]");
        boolean defaultLeft = (dt & 2) != 0;
        int missing = (dt >> 2) & 3;
        if ((dt & 1) != 0) {
          int catIdx =
              intIn(
                  threshold[i], 0, numCat - 1, where, "threshold[" + i + "] (category set index)");
          int from = (int) catBoundaries[catIdx];
          int to = (int) catBoundaries[catIdx + 1];
          int[] words = new int[to - from];
          for (int w = 0; w < words.length; w++) {
            words[w] = (int) catThreshold[from + w];
          }
          tb.categorical(i, f, words, l, r, false);
        } else {
          double th = threshold[i];
          if (Double.isNaN(th)) {
            throw new InvalidDataException(where + ": threshold[" + i + "] is NaN");
          }
          float lt = lessThanBound(th);
          boolean nanLeft;
          if (missing == MISSING_NAN || missing == MISSING_ZERO) {
            nanLeft = defaultLeft;
          } else if (missing == MISSING_NONE) {
            nanLeft = 0.0 <= th; // LightGBM maps NaN to 0 for missing type None
          } else {
            throw new InvalidDataException(
                where + ": decision_type[" + i + "] = " + dt + " has unknown missing type 3");
          }
          tb.split(i, f, lt, l, r, nanLeft);
          if (missing == MISSING_ZERO) {
            tb.zeroAsMissing(i);
          }
        }
        if (gain != null) {
          tb.gain(i, gain[i]);
        }
        if (internalCount != null) {
          tb.cover(i, internalCount[i]);
        }
      }
      for (int j = 0; j < leaves; j++) {
        tb.leaf(splits + j, toFloat(leafValue[j], where, "leaf_value[" + j + "]"));
        if (leafCount != null) {
          tb.cover(splits + j, leafCount[j]);
        }
      }
    } catch (InvalidDataException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new InvalidDataException(where + ": " + e.getMessage(), e);
    }
  }

  /**
   * The float32 bound {@code u} such that, for every float32 {@code x}, {@code x < u} exactly when
   * {@code x <= t} (LightGBM's double comparison): {@code u = nextUp(largest float <= t)}.
   *
   * @param t a LightGBM threshold (not NaN)
   * @return the strict float32 bound
   */
  static float lessThanBound(double t) {
    float f = (float) t;
    if (f > t) {
      f = Math.nextDown(f);
    }
    return Math.nextUp(f);
  }

  private static float toFloat(double v, String where, String what) {
    float f = (float) v;
    if (!Float.isFinite(f)) {
      throw new InvalidDataException(where + ": " + what + " = " + v + " is not a finite float");
    }
    return f;
  }

  private static int child(double c, int splits, int leaves, String where, String what) {
    int v = intIn(c, -leaves, splits - 1, where, what);
    return v >= 0 ? v : splits + ~v;
  }

  private static int intIn(double v, int min, int max, String where, String what) {
    if (!(v >= min && v <= max) || v != Math.rint(v)) {
      throw new InvalidDataException(
          where
              + ": "
              + what
              + " = "
              + v
              + " outside ["
              + min
              + ", "
              + max
              + "] or not an integer");
    }
    return (int) v;
  }

  private static String require(Map<String, String> m, String key, String where) {
    String v = m.get(key);
    if (v == null) {
      throw new InvalidDataException(where + ": missing '" + key + "'");
    }
    return v;
  }

  private static double[] doubles(
      Map<String, String> tree,
      Map<String, Integer> lines,
      String key,
      int expected,
      String where,
      String source) {
    String v = require(tree, key, where).trim();
    int count = v.isEmpty() ? 0 : 1;
    for (int i = 0; i < v.length(); i++) {
      if (v.charAt(i) == ' ') {
        count++;
      }
    }
    if (count != expected) {
      throw new InvalidDataException(
          source
              + ":"
              + lines.get(key)
              + ": "
              + key
              + " has "
              + count
              + " values, expected "
              + expected);
    }
    double[] out = new double[expected];
    int start = 0;
    for (int i = 0; i < expected; i++) {
      int end = v.indexOf(' ', start);
      if (end < 0) {
        end = v.length();
      }
      out[i] = parseDouble(v.substring(start, end), source, lines.get(key), key);
      start = end + 1;
    }
    return out;
  }

  private static int headerInt(
      Map<String, String> header, Map<String, Integer> lines, String key, int dflt, String source) {
    String v = header.get(key);
    return v == null ? dflt : parseInt(v, source, lines.get(key), key);
  }

  private static int parseInt(String s, String source, Integer line, String what) {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      throw new InvalidDataException(
          source + ":" + line + ": " + what + " '" + s + "' is not an integer");
    }
  }

  private static double parseDouble(String s, String source, Integer line, String what) {
    try {
      String t = s.trim();
      if (t.equalsIgnoreCase("inf") || t.equalsIgnoreCase("+inf")) {
        return Double.POSITIVE_INFINITY;
      }
      if (t.equalsIgnoreCase("-inf")) {
        return Double.NEGATIVE_INFINITY;
      }
      if (t.equalsIgnoreCase("nan") || t.equalsIgnoreCase("-nan")) {
        return Double.NaN;
      }
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw new InvalidDataException(
          source + ":" + line + ": " + what + " value '" + s + "' is not a number");
    }
  }
}
