package io.aura.models.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import io.aura.features.InvalidDataException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Aura's checks on an ONNX model before ONNX Runtime sees it. ONNX Runtime 1.20 validates the
 * tree-ensemble operators of {@code ai.onnx.ml} only partly: a {@code TreeEnsembleRegressor} whose
 * {@code target_weights} is missing makes it index past a vector and abort the whole process (found
 * by fuzzing, see docs/reliability.md) — a crafted file must not be able to kill the host JVM. So
 * every {@code TreeEnsembleRegressor} and {@code TreeEnsembleClassifier} node, also inside
 * subgraphs, is checked here: the per-node arrays have one equal length, the per-leaf arrays
 * ({@code target_*} or {@code class_*}) have one equal length, every id is in range, every child
 * and every leaf reference names an existing node of its tree, and {@code base_values} has one
 * value per target or class. The newer {@code TreeEnsemble} operator (ai.onnx.ml opset 5) is
 * refused: Aura cannot vouch for it yet.
 *
 * <p>Needs the ONNX protobuf classes ({@code org.tribuo:tribuo-util-onnx}, an optional dependency
 * of aura-models); without them loading fails with a clear message rather than skipping the check.
 *
 * <p>Thread safety: stateless. Allocation: the parsed model and a set of node keys per ensemble.
 * Complexity: O(model size).
 */
final class OnnxTreeCheck {
  private static final int MAX_FEATURE = 1 << 22;

  private OnnxTreeCheck() {}

  static void check(byte[] model, String source) {
    ModelProto proto;
    try {
      proto = ModelProto.parseFrom(model);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new InvalidDataException(
          "ONNX model " + source + " is not a valid ONNX model (protobuf): " + e.getMessage(), e);
    }
    graph(proto.getGraph(), source, 0);
  }

  private static void graph(GraphProto g, String source, int depth) {
    if (depth > 64) {
      throw new InvalidDataException("ONNX model " + source + " nests subgraphs deeper than 64");
    }
    for (NodeProto n : g.getNodeList()) {
      String where =
          "ONNX model " + source + ", node '" + n.getName() + "' (" + n.getOpType() + ")";
      if ("ai.onnx.ml".equals(n.getDomain())) {
        switch (n.getOpType()) {
          case "TreeEnsembleRegressor" -> ensemble(n, "target_", where);
          case "TreeEnsembleClassifier" -> ensemble(n, "class_", where);
          case "TreeEnsemble" ->
              throw new InvalidDataException(
                  where
                      + ": the ai.onnx.ml TreeEnsemble operator is not supported by Aura's checks; export with"
                      + " TreeEnsembleRegressor or TreeEnsembleClassifier");
          default -> {}
        }
      }
      for (AttributeProto a : n.getAttributeList()) {
        if (a.hasG()) {
          graph(a.getG(), source, depth + 1);
        }
        for (GraphProto sub : a.getGraphsList()) {
          graph(sub, source, depth + 1);
        }
      }
    }
  }

  private static void ensemble(NodeProto n, String leafPrefix, String where) {
    Map<String, AttributeProto> at = new HashMap<>();
    for (AttributeProto a : n.getAttributeList()) {
      if (at.put(a.getName(), a) != null) {
        throw new InvalidDataException(where + ": attribute " + a.getName() + " appears twice");
      }
    }
    for (String tensorForm :
        new String[] {
          "nodes_values_as_tensor",
          "nodes_hitrates_as_tensor",
          "base_values_as_tensor",
          leafPrefix + "weights_as_tensor"
        }) {
      if (at.containsKey(tensorForm)) {
        throw new InvalidDataException(
            where
                + ": attribute "
                + tensorForm
                + " (double precision) is not supported by Aura's checks; use the float form");
      }
    }
    List<Long> treeIds = ints(at, "nodes_treeids", where, true);
    List<Long> nodeIds = ints(at, "nodes_nodeids", where, true);
    List<Long> featureIds = ints(at, "nodes_featureids", where, true);
    List<Long> trueIds = ints(at, "nodes_truenodeids", where, true);
    List<Long> falseIds = ints(at, "nodes_falsenodeids", where, true);
    int nodes = treeIds.size();
    if (nodes == 0) {
      throw new InvalidDataException(where + ": no tree nodes");
    }
    sameLength(where, nodes, "nodes_nodeids", nodeIds.size());
    sameLength(where, nodes, "nodes_featureids", featureIds.size());
    sameLength(where, nodes, "nodes_truenodeids", trueIds.size());
    sameLength(where, nodes, "nodes_falsenodeids", falseIds.size());
    sameLength(where, nodes, "nodes_modes", strings(at, "nodes_modes", where));
    sameLength(where, nodes, "nodes_values", floats(at, "nodes_values", where, true));
    optionalLength(at, where, nodes, "nodes_missing_value_tracks_true");
    optionalLength(at, where, nodes, "nodes_hitrates");

    Set<Long> keys = new HashSet<>();
    for (int i = 0; i < nodes; i++) {
      long t = treeIds.get(i);
      long id = nodeIds.get(i);
      if (t < 0 || t > Integer.MAX_VALUE || id < 0 || id > Integer.MAX_VALUE) {
        throw new InvalidDataException(
            where
                + ": node "
                + i
                + " has tree id "
                + t
                + " and node id "
                + id
                + " outside [0, 2^31)");
      }
      if (!keys.add(t << 32 | id)) {
        throw new InvalidDataException(where + ": node id " + id + " appears twice in tree " + t);
      }
      long f = featureIds.get(i);
      if (f < 0 || f >= MAX_FEATURE) {
        throw new InvalidDataException(
            where + ": node " + i + " reads feature " + f + " outside [0, " + MAX_FEATURE + ")");
      }
    }
    List<String> modes =
        at.get("nodes_modes").getStringsList().stream().map(b -> b.toStringUtf8()).toList();
    for (int i = 0; i < nodes; i++) {
      if (!"LEAF".equals(modes.get(i))) {
        long t = treeIds.get(i);
        if (!keys.contains(t << 32 | trueIds.get(i)) || !keys.contains(t << 32 | falseIds.get(i))) {
          throw new InvalidDataException(
              where
                  + ": node "
                  + i
                  + " of tree "
                  + t
                  + " points to child "
                  + trueIds.get(i)
                  + " / "
                  + falseIds.get(i)
                  + ", which the tree does not have");
        }
      }
    }

    List<Long> leafTrees = ints(at, leafPrefix + "treeids", where, true);
    int leaves = leafTrees.size();
    List<Long> leafNodes = ints(at, leafPrefix + "nodeids", where, true);
    List<Long> leafIds = ints(at, leafPrefix + "ids", where, true);
    sameLength(where, leaves, leafPrefix + "nodeids", leafNodes.size());
    sameLength(where, leaves, leafPrefix + "ids", leafIds.size());
    sameLength(
        where, leaves, leafPrefix + "weights", floats(at, leafPrefix + "weights", where, true));
    long outputs;
    if (leafPrefix.equals("target_")) {
      outputs = at.containsKey("n_targets") ? at.get("n_targets").getI() : 1;
    } else {
      outputs =
          Math.max(
              at.containsKey("classlabels_int64s")
                  ? at.get("classlabels_int64s").getIntsCount()
                  : 0,
              at.containsKey("classlabels_strings")
                  ? at.get("classlabels_strings").getStringsCount()
                  : 0);
    }
    if (outputs < 1 || outputs > 1 << 16) {
      throw new InvalidDataException(
          where + ": " + outputs + " targets or classes, outside [1, 65536]");
    }
    for (int i = 0; i < leaves; i++) {
      long t = leafTrees.get(i);
      long id = leafNodes.get(i);
      if (t < 0
          || t > Integer.MAX_VALUE
          || id < 0
          || id > Integer.MAX_VALUE
          || !keys.contains(t << 32 | id)) {
        throw new InvalidDataException(
            where
                + ": leaf weight "
                + i
                + " names node "
                + id
                + " of tree "
                + t
                + ", which does not exist");
      }
      long out = leafIds.get(i);
      if (out < 0 || out >= outputs) {
        throw new InvalidDataException(
            where
                + ": leaf weight "
                + i
                + " goes to output "
                + out
                + " outside [0, "
                + outputs
                + ")");
      }
    }
    int base = floats(at, "base_values", where, false);
    if (base != 0 && base != outputs) {
      throw new InvalidDataException(
          where + ": " + base + " base values for " + outputs + " targets or classes");
    }
  }

  private static List<Long> ints(
      Map<String, AttributeProto> at, String name, String where, boolean required) {
    AttributeProto a = at.get(name);
    if (a == null) {
      if (required) {
        throw new InvalidDataException(where + ": required attribute " + name + " is missing");
      }
      return List.of();
    }
    return a.getIntsList();
  }

  private static int floats(
      Map<String, AttributeProto> at, String name, String where, boolean required) {
    AttributeProto a = at.get(name);
    if (a == null) {
      if (required) {
        throw new InvalidDataException(where + ": required attribute " + name + " is missing");
      }
      return 0;
    }
    return a.getFloatsCount();
  }

  private static int strings(Map<String, AttributeProto> at, String name, String where) {
    AttributeProto a = at.get(name);
    if (a == null) {
      throw new InvalidDataException(where + ": required attribute " + name + " is missing");
    }
    return a.getStringsCount();
  }

  private static void optionalLength(
      Map<String, AttributeProto> at, String where, int nodes, String name) {
    AttributeProto a = at.get(name);
    if (a != null) {
      sameLength(where, nodes, name, Math.max(a.getIntsCount(), a.getFloatsCount()));
    }
  }

  private static void sameLength(String where, int expected, String name, int actual) {
    if (actual != expected) {
      throw new InvalidDataException(
          where + ": attribute " + name + " has " + actual + " values, expected " + expected);
    }
  }
}
