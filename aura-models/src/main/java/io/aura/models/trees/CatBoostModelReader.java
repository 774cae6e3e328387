package io.aura.models.trees;

import com.fasterxml.jackson.databind.JsonNode;
import io.aura.features.InvalidDataException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Imports a CatBoost model saved as JSON ({@code model.save_model("m.json", format="json")}) with
 * numeric features only into a {@link TreeEnsemble}, without the CatBoost library.
 *
 * <p>CatBoost trees are oblivious: every level tests one split {@code (float_feature_index,
 * border)} and the leaf index is {@code sum_i [x_{f_i} > border_i] << i}, i being the split's
 * position in the tree's {@code splits} list. Each oblivious tree of depth d is expanded into a
 * complete binary tree (2^d leaves) per output dimension; {@code leaf_values} holds {@code 2^d ×
 * dim} values, leaf-major. {@code x > border} is turned into the engine's {@code x < u} with the
 * same exact float32 rule as for LightGBM. NaN follows {@code features_info.float_features[i]
 * .nan_value_treatment}: {@code AsTrue} sends it right (bit 1), {@code AsFalse} and {@code AsIs}
 * left (NaN compares false). {@code scale_and_bias = [s, [b...]]} scales the leaves (rounded to
 * float32) and sets the base margin. Covers come from {@code leaf_weights} (for TreeSHAP). The link
 * is read from {@code model_info.params.loss_function.type} ({@code Logloss}/{@code CrossEntropy}
 * sigmoid, {@code MultiClass} softmax, {@code Poisson}/{@code Tweedie} exp, otherwise identity).
 *
 * <p>Not supported (rejected): categorical/one-hot/CTR splits, non-symmetric trees, depth above 16.
 * Verified against hand-computed outputs only; CatBoost itself is not available to the tests.
 *
 * <p>Thread safety: stateless static methods. Allocation: parsed document plus O(2^d) nodes per
 * tree and output dimension. Complexity: O(file size + trees × 2^d × dim).
 *
 * <p>Reference: L. Prokhorenkova et al., "CatBoost: unbiased boosting with categorical features",
 * NeurIPS 2018; CatBoost documentation, "Model export: JSON".
 */
public final class CatBoostModelReader {
  /** Deepest oblivious tree accepted (CatBoost's own limit). */
  public static final int MAX_DEPTH = 16;

  private CatBoostModelReader() {}

  /**
   * Reads a JSON model file.
   *
   * @param path the file
   * @return the compiled ensemble
   * @throws InvalidDataException if the model is malformed or unsupported
   */
  public static TreeEnsemble read(Path path) {
    return read(ModelInput.readAll(path), path.toString());
  }

  /**
   * Reads a JSON model from a stream (read to its end, not closed).
   *
   * @param in the model
   * @param source name for error messages
   * @return the compiled ensemble
   */
  public static TreeEnsemble read(InputStream in, String source) {
    return read(ModelInput.readAll(in, source), source);
  }

  /**
   * Reads a JSON model from bytes.
   *
   * @param data the model
   * @param source name for error messages
   * @return the compiled ensemble
   */
  public static TreeEnsemble read(byte[] data, String source) {
    JsonNode root = ModelInput.parseJson(data, source);
    JsonNode floats =
        ModelInput.array(
            ModelInput.field(root, "features_info", source),
            "float_features",
            -1,
            source + ": features_info");
    Map<Long, Integer> column = new HashMap<>();
    Map<Long, Boolean> nanRight = new HashMap<>();
    int numFeatures = 0;
    for (int i = 0; i < floats.size(); i++) {
      String w = source + ": float_features[" + i + "]";
      JsonNode f = floats.get(i);
      long index = f.has("feature_index") ? ModelInput.integer(f.get("feature_index"), w) : i;
      long flat =
          f.has("flat_feature_index") ? ModelInput.integer(f.get("flat_feature_index"), w) : index;
      int col = ModelInput.checkedInt(flat, 0, Integer.MAX_VALUE - 1, w + ".flat_feature_index");
      column.put(index, col);
      nanRight.put(
          index,
          f.has("nan_value_treatment") && "AsTrue".equals(f.get("nan_value_treatment").asText()));
      numFeatures = Math.max(numFeatures, col + 1);
    }
    JsonNode trees = ModelInput.array(root, "oblivious_trees", -1, source);
    if (root.has("trees") && root.get("trees").size() > 0) {
      throw new InvalidDataException(source + ": non-symmetric trees are not supported");
    }
    int dim = -1;
    for (int t = 0; t < trees.size(); t++) {
      String w = source + ": oblivious_trees[" + t + "]";
      int depth = ModelInput.array(trees.get(t), "splits", -1, w).size();
      if (depth > MAX_DEPTH) {
        throw new InvalidDataException(w + ": depth " + depth + " exceeds " + MAX_DEPTH);
      }
      int values = ModelInput.array(trees.get(t), "leaf_values", -1, w).size();
      if (values == 0 || values % (1 << depth) != 0) {
        throw new InvalidDataException(w + ": " + values + " leaf values for depth " + depth);
      }
      int d = values >> depth;
      if (dim >= 0 && d != dim) {
        throw new InvalidDataException(
            w + ": " + d + " outputs per leaf, earlier trees have " + dim);
      }
      dim = d;
    }
    if (dim < 0) {
      dim = 1;
    }
    double scale = 1.0;
    double[] bias = new double[dim];
    if (root.has("scale_and_bias")) {
      JsonNode sb = ModelInput.array(root, "scale_and_bias", 2, source);
      scale = ModelInput.number(sb.get(0), source + ": scale_and_bias[0]");
      JsonNode b = sb.get(1);
      if (b.isArray()) {
        if (b.size() != dim && b.size() != 0) {
          throw new InvalidDataException(
              source + ": scale_and_bias has " + b.size() + " biases for " + dim + " outputs");
        }
        for (int k = 0; k < b.size(); k++) {
          bias[k] = ModelInput.number(b.get(k), source + ": scale_and_bias[1][" + k + "]");
        }
      } else {
        double v = ModelInput.number(b, source + ": scale_and_bias[1]");
        java.util.Arrays.fill(bias, v);
      }
    }
    Link link = linkOf(root);
    if (link == Link.SOFTMAX && dim < 2) {
      link = Link.IDENTITY;
    }
    TreeEnsemble.Builder builder =
        TreeEnsemble.builder(Math.max(1, numFeatures), dim).link(link, 1.0).baseScore(bias);
    try {
      for (int t = 0; t < trees.size(); t++) {
        addTree(builder, trees.get(t), t, dim, scale, column, nanRight, source);
      }
      return builder.build();
    } catch (InvalidDataException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new InvalidDataException(source + ": " + e.getMessage(), e);
    }
  }

  private static void addTree(
      TreeEnsemble.Builder builder,
      JsonNode tree,
      int t,
      int dim,
      double scale,
      Map<Long, Integer> column,
      Map<Long, Boolean> nanRight,
      String source) {
    String w = source + ": oblivious_trees[" + t + "]";
    JsonNode splits = tree.get("splits");
    int depth = splits.size();
    int[] feature = new int[depth];
    float[] bound = new float[depth];
    boolean[] nanLeft = new boolean[depth];
    for (int j = 0; j < depth; j++) {
      JsonNode s = splits.get(j);
      String sw = w + ".splits[" + j + "]";
      String type = s.has("split_type") ? s.get("split_type").asText() : "FloatFeature";
      if (!"FloatFeature".equals(type)) {
        throw new InvalidDataException(sw + ": split type " + type + " is not supported");
      }
      long index = ModelInput.integer(ModelInput.field(s, "float_feature_index", sw), sw);
      Integer col = column.get(index);
      if (col == null) {
        throw new InvalidDataException(
            sw + ": float_feature_index " + index + " is not in features_info.float_features");
      }
      double border = ModelInput.number(ModelInput.field(s, "border", sw), sw + ".border");
      feature[j] = col;
      bound[j] = LightGbmModelReader.lessThanBound(border); // left iff x <= border
      nanLeft[j] = !nanRight.get(index);
    }
    JsonNode values = tree.get("leaf_values");
    JsonNode weights =
        tree.has("leaf_weights") ? ModelInput.array(tree, "leaf_weights", 1 << depth, w) : null;
    int leaves = 1 << depth;
    int internal = leaves - 1;
    double[] leafWeight = null;
    if (weights != null) {
      leafWeight = new double[leaves];
      for (int l = 0; l < leaves; l++) {
        leafWeight[l] = ModelInput.number(weights.get(l), w + ".leaf_weights[" + l + "]");
      }
    }
    for (int k = 0; k < dim; k++) {
      TreeEnsemble.TreeBuilder tb = builder.addTree(k, internal + leaves);
      double[] cover = leafWeight == null ? null : new double[internal + leaves];
      // heap numbering: node n's children are 2n+1 (x <= border) and 2n+2 (x > border)
      for (int h = 0; h < leaves; h++) {
        int node = internal + h;
        int leafIndex = Integer.reverse(h) >>> (32 - Math.max(depth, 1));
        if (depth == 0) {
          leafIndex = 0;
        }
        double v =
            ModelInput.number(
                values.get(leafIndex * dim + k), w + ".leaf_values[" + (leafIndex * dim + k) + "]");
        tb.leaf(node, (float) (scale * v));
        if (cover != null) {
          cover[node] = leafWeight[leafIndex];
        }
      }
      for (int n = internal - 1; n >= 0; n--) {
        int level = 31 - Integer.numberOfLeadingZeros(n + 1);
        tb.split(n, feature[level], bound[level], 2 * n + 1, 2 * n + 2, nanLeft[level]);
        if (cover != null) {
          cover[n] = cover[2 * n + 1] + cover[2 * n + 2];
        }
      }
      if (cover != null) {
        for (int n = 0; n < cover.length; n++) {
          tb.cover(n, cover[n]);
        }
      }
    }
  }

  private static Link linkOf(JsonNode root) {
    JsonNode info = root.get("model_info");
    if (info == null) {
      return Link.IDENTITY;
    }
    JsonNode params = info.get("params");
    if (params != null && params.isTextual()) {
      try {
        params =
            ModelInput.parseJson(
                params.asText().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "model_info.params");
      } catch (InvalidDataException e) {
        return Link.IDENTITY;
      }
    }
    JsonNode loss = params == null ? null : params.get("loss_function");
    String type = loss == null ? "" : loss.has("type") ? loss.get("type").asText() : loss.asText();
    switch (type) {
      case "Logloss":
      case "CrossEntropy":
        return Link.SIGMOID;
      case "MultiClass":
        return Link.SOFTMAX;
      case "Poisson":
      case "Tweedie":
        return Link.EXP;
      default:
        return Link.IDENTITY;
    }
  }
}
