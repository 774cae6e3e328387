package io.aura.models.trees;

import ai.onnx.proto.OnnxMl;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Exports a {@link TreeEnsemble} as an ONNX-ML model (one {@code ai.onnx.ml.TreeEnsembleRegressor}
 * node, opset {@code ai.onnx.ml} 3, followed by the link as
 * standard operators, opset 17) that ONNX Runtime evaluates to the same numbers.
 *
 * <h2>Mapping</h2>
 *
 * <ul>
 *   <li>Every numeric split is stored by the ensemble as <em>{@code x < t} goes left</em> in float32
 *       (LightGBM's {@code x <= t} is already normalised by its importer to {@code x < nextUp(f)},
 *       see {@link TreeEnsemble}), so every split becomes {@code BRANCH_LT} with the same float32
 *       threshold, the left child as the true branch. This is exact for both XGBoost and LightGBM;
 *       a {@code BRANCH_LEQ} with LightGBM's double threshold would not be.
 *   <li>The NaN direction becomes {@code nodes_missing_value_tracks_true} (1 when NaN goes left).
 *   <li>Each leaf becomes one {@code target_*} entry: target id = {@link
 *       TreeEnsemble#treeGroup(int)}, weight = the leaf value.
 *   <li>{@code base_values} are the per-group base scores (as float32), {@code aggregate_function}
 *       is {@code SUM}, {@code post_transform} is {@code NONE}: the node computes raw margins.
 *   <li>{@link #export} then applies the link with standard ONNX operators: {@link Link#IDENTITY}
 *       → {@code Identity}, {@link Link#SIGMOID} → {@code Sigmoid} (preceded by {@code Mul} when
 *       LightGBM's sigmoid scale is not 1), {@link Link#SOFTMAX} → {@code Softmax(axis=1)}, {@link
 *       Link#EXP} → {@code Exp}. The TreeEnsemble {@code post_transform} attribute is not used:
 *       ONNX Runtime 1.20 ignores {@code LOGISTIC} for a single target (measured: it returned raw
 *       margins), and it has no exponential. {@link #exportMargins} stops at the margins.
 * </ul>
 *
 * Rejected with an {@link IllegalArgumentException} naming the tree, node and feature: categorical
 * splits (bitset membership has no equivalent in {@code ai.onnx.ml} TreeEnsemble opsets 1-3) and
 * LightGBM zero-as-missing splits ({@code |x| <= 1e-35} taking the default direction cannot be
 * expressed by a single ONNX node mode).
 *
 * <p>The graph has one input {@code input}, float {@code [N, numFeatures]} ({@code N} symbolic),
 * and one output {@code scores}, float {@code [N, numGroups]}. ONNX Runtime sums leaves in its own
 * order and precision, so outputs agree with {@link TreeEnsemble#predict} and {@link
 * TreeEnsemble#predictRaw} to float rounding, not bit for bit (measured figures in {@code
 * docs/onnx.md}).
 *
 * <p>This class is the only one in the package that touches the ONNX protobuf classes ({@code
 * tribuo-util-onnx}, an optional dependency); it is loaded only when called.
 *
 * <p>Thread safety: stateless; every method may be called concurrently. Allocation: builds the whole
 * protobuf model in memory (boxed attribute lists, then the serialized bytes: a few hundred bytes
 * per node transiently, about 40 per node in the result). Complexity: O(nodes).
 *
 * <p>Reference: ONNX operator specification, {@code ai.onnx.ml.TreeEnsembleRegressor}
 * (https://onnx.ai/onnx/operators/onnx_aionnxml_TreeEnsembleRegressor.html).
 */
public final class TreeEnsembleOnnx {
  /** Name of the graph input. */
  public static final String INPUT = "input";
  /** Name of the graph output. */
  public static final String OUTPUT = "scores";
  private static final String MARGINS = "margins";

  private static final int IR_VERSION = 8;
  private static final int ML_OPSET = 3;
  private static final int DEFAULT_OPSET = 17;

  private TreeEnsembleOnnx() {}

  /**
   * Exports the ensemble with its link applied: the output equals {@link TreeEnsemble#predict}.
   *
   * @param ensemble the ensemble
   * @return a serialized ONNX {@code ModelProto}
   * @throws IllegalArgumentException if a split has no ONNX equivalent (categorical,
   *     zero-as-missing)
   */
  public static byte[] export(TreeEnsemble ensemble) {
    Objects.requireNonNull(ensemble, "ensemble");
    return build(ensemble, true);
  }

  /**
   * Exports the raw margins: the output equals {@link TreeEnsemble#predictRaw(float[], float[])}.
   *
   * @param ensemble the ensemble
   * @return a serialized ONNX {@code ModelProto}
   * @throws IllegalArgumentException if a split has no ONNX equivalent
   */
  public static byte[] exportMargins(TreeEnsemble ensemble) {
    Objects.requireNonNull(ensemble, "ensemble");
    return build(ensemble, false);
  }

  private static byte[] build(TreeEnsemble e, boolean applyLink) {
    int trees = e.treeCount();
    int nodes = e.numNodes();
    List<Long> treeIds = new ArrayList<>(nodes);
    List<Long> nodeIds = new ArrayList<>(nodes);
    List<Long> featureIds = new ArrayList<>(nodes);
    List<com.google.protobuf.ByteString> modes = new ArrayList<>(nodes);
    List<Float> values = new ArrayList<>(nodes);
    List<Long> trueIds = new ArrayList<>(nodes);
    List<Long> falseIds = new ArrayList<>(nodes);
    List<Long> missingTrue = new ArrayList<>(nodes);
    List<Long> targetTree = new ArrayList<>();
    List<Long> targetNode = new ArrayList<>();
    List<Long> targetId = new ArrayList<>();
    List<Float> targetWeight = new ArrayList<>();
    com.google.protobuf.ByteString lt = com.google.protobuf.ByteString.copyFromUtf8("BRANCH_LT");
    com.google.protobuf.ByteString leaf = com.google.protobuf.ByteString.copyFromUtf8("LEAF");
    for (int t = 0; t < trees; t++) {
      int start = e.treeStart(t);
      int end = t + 1 < trees ? e.treeStart(t + 1) : nodes;
      for (int n = start; n < end; n++) {
        int local = n - start;
        treeIds.add((long) t);
        nodeIds.add((long) local);
        int f = e.nodeFeature(n);
        if (f < 0) {
          featureIds.add(0L);
          modes.add(leaf);
          values.add(0f);
          trueIds.add(0L);
          falseIds.add(0L);
          missingTrue.add(0L);
          targetTree.add((long) t);
          targetNode.add((long) local);
          targetId.add((long) e.treeGroup(t));
          float w = e.nodeValue(n);
          targetWeight.add(w);
          continue;
        }
        byte fl = e.nodeFlags(n);
        if ((fl & TreeEnsemble.CATEGORICAL) != 0) {
          throw new IllegalArgumentException("tree " + t + " node " + local + " (feature " + f
              + ") is a categorical split; ai.onnx.ml TreeEnsemble has no set-membership mode");
        }
        if ((fl & TreeEnsemble.ZERO_MISSING) != 0) {
          throw new IllegalArgumentException("tree " + t + " node " + local + " (feature " + f
              + ") treats zero as missing (LightGBM zero_as_missing); ai.onnx.ml TreeEnsemble "
              + "cannot express it");
        }
        featureIds.add((long) f);
        modes.add(lt);
        values.add(e.nodeValue(n));
        trueIds.add((long) (local + 1));
        falseIds.add((long) (e.nodeRight(n) - start));
        missingTrue.add((fl & TreeEnsemble.NAN_LEFT) != 0 ? 1L : 0L);
      }
    }
    List<Float> base = new ArrayList<>();
    for (int g = 0; g < e.numGroups(); g++) {
      base.add((float) e.baseScore(g));
    }
    OnnxMl.NodeProto node = OnnxMl.NodeProto.newBuilder()
        .setOpType("TreeEnsembleRegressor")
        .setDomain("ai.onnx.ml")
        .setName("aura_tree_ensemble")
        .addInput(INPUT)
        .addOutput(applyLink ? MARGINS : OUTPUT)
        .addAttribute(ints("nodes_treeids", treeIds))
        .addAttribute(ints("nodes_nodeids", nodeIds))
        .addAttribute(ints("nodes_featureids", featureIds))
        .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("nodes_modes")
            .setType(OnnxMl.AttributeProto.AttributeType.STRINGS).addAllStrings(modes))
        .addAttribute(floats("nodes_values", values))
        .addAttribute(ints("nodes_truenodeids", trueIds))
        .addAttribute(ints("nodes_falsenodeids", falseIds))
        .addAttribute(ints("nodes_missing_value_tracks_true", missingTrue))
        .addAttribute(ints("target_treeids", targetTree))
        .addAttribute(ints("target_nodeids", targetNode))
        .addAttribute(ints("target_ids", targetId))
        .addAttribute(floats("target_weights", targetWeight))
        .addAttribute(floats("base_values", base))
        .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("n_targets")
            .setType(OnnxMl.AttributeProto.AttributeType.INT).setI(e.numGroups()))
        .addAttribute(string("post_transform", "NONE"))
        .addAttribute(string("aggregate_function", "SUM"))
        .build();
    OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder()
        .setName("aura_tree_ensemble")
        .addNode(node)
        .addInput(floatMatrix(INPUT, e.featureCount()))
        .addOutput(floatMatrix(OUTPUT, e.numGroups()));
    if (applyLink) {
      addLink(graph, e.link(), e.linkScale());
    }
    return OnnxMl.ModelProto.newBuilder()
        .setIrVersion(IR_VERSION)
        .setProducerName("aura")
        .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("ai.onnx.ml")
            .setVersion(ML_OPSET))
        .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("")
            .setVersion(DEFAULT_OPSET))
        .setGraph(graph)
        .build()
        .toByteArray();
  }

  /** Appends the standard-opset node(s) computing {@code OUTPUT = link(MARGINS)}. */
  private static void addLink(OnnxMl.GraphProto.Builder graph, Link link, double scale) {
    switch (link) {
      case IDENTITY:
        graph.addNode(op("Identity", MARGINS));
        return;
      case SIGMOID:
        if (scale == 1.0) {
          graph.addNode(op("Sigmoid", MARGINS));
        } else {
          graph.addInitializer(OnnxMl.TensorProto.newBuilder().setName("sigmoid_scale")
              .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
              .addFloatData((float) scale));
          graph.addNode(OnnxMl.NodeProto.newBuilder().setOpType("Mul").setName("scale")
              .addInput(MARGINS).addInput("sigmoid_scale").addOutput("scaled_margins"));
          graph.addNode(op("Sigmoid", "scaled_margins"));
        }
        return;
      case SOFTMAX:
        graph.addNode(op("Softmax", MARGINS).toBuilder().addAttribute(
            OnnxMl.AttributeProto.newBuilder().setName("axis")
                .setType(OnnxMl.AttributeProto.AttributeType.INT).setI(1)).build());
        return;
      case EXP:
        graph.addNode(op("Exp", MARGINS));
        return;
      default:
        throw new IllegalArgumentException("link " + link + " has no ONNX export");
    }
  }

  private static OnnxMl.NodeProto op(String type, String input) {
    return OnnxMl.NodeProto.newBuilder().setOpType(type).setName("link").addInput(input)
        .addOutput(OUTPUT).build();
  }

  private static OnnxMl.ValueInfoProto floatMatrix(String name, int columns) {
    OnnxMl.TensorShapeProto shape = OnnxMl.TensorShapeProto.newBuilder()
        .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
        .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(columns))
        .build();
    return OnnxMl.ValueInfoProto.newBuilder().setName(name)
        .setType(OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
            .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setShape(shape)))
        .build();
  }

  private static OnnxMl.AttributeProto ints(String name, List<Long> v) {
    return OnnxMl.AttributeProto.newBuilder().setName(name)
        .setType(OnnxMl.AttributeProto.AttributeType.INTS).addAllInts(v).build();
  }

  private static OnnxMl.AttributeProto floats(String name, List<Float> v) {
    return OnnxMl.AttributeProto.newBuilder().setName(name)
        .setType(OnnxMl.AttributeProto.AttributeType.FLOATS).addAllFloats(v).build();
  }

  private static OnnxMl.AttributeProto string(String name, String v) {
    return OnnxMl.AttributeProto.newBuilder().setName(name)
        .setType(OnnxMl.AttributeProto.AttributeType.STRING)
        .setS(com.google.protobuf.ByteString.copyFromUtf8(v)).build();
  }
}
