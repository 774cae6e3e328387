package io.aura.models.trees;

import io.aura.models.persist.ModelFile;
import io.aura.models.persist.ModelFileException;
import io.aura.models.persist.ModelFileWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Saves and loads a {@link TreeEnsemble} in Aura's model-file container ({@link ModelFileWriter}:
 * versioned, CRC32C-checksummed, written atomically; kind {@value #KIND}, version {@value
 * #VERSION}). Loading rebuilds the ensemble through {@link TreeEnsemble.Builder}, so every index,
 * depth, child and value is validated again: a file that passes the checksum but was produced by a
 * buggy or hostile writer still cannot yield an inconsistent engine.
 *
 * <p>Sections: {@code shape} (features, groups, trees, nodes, link ordinal, float32 summation),
 * {@code linkScale}, {@code baseScore}, {@code treeStart}, {@code treeGroup}, {@code feature},
 * {@code value}, {@code right}, {@code flags}, optional {@code cover}, {@code gain}, {@code
 * catWords} (per node: bitset word count, 0 for other nodes) with {@code catBits}, and {@code
 * featureNames}.
 *
 * <p>Thread safety: stateless static methods. Allocation: O(file size). Complexity: O(nodes).
 */
public final class TreeEnsembleFile {
  /** Model kind written in the file header. */
  public static final String KIND = "aura.tree-ensemble";
  /** Schema version written by this class. */
  public static final int VERSION = 1;

  private TreeEnsembleFile() {}

  /**
   * Encodes an ensemble.
   *
   * @param e the ensemble
   * @return the complete file bytes
   */
  public static byte[] toBytes(TreeEnsemble e) {
    return writer(e).toBytes();
  }

  /**
   * Writes an ensemble atomically (temporary file, fsync, atomic rename).
   *
   * @param e the ensemble
   * @param path destination
   * @throws IOException if writing fails
   */
  public static void write(TreeEnsemble e, Path path) throws IOException {
    writer(e).writeAtomically(path);
  }

  /**
   * Reads and validates an ensemble file.
   *
   * @param path the file
   * @return the ensemble
   * @throws ModelFileException if the file is corrupt, of another kind, too new or inconsistent
   * @throws IOException if it cannot be read
   */
  public static TreeEnsemble read(Path path) throws IOException {
    return decode(ModelFile.read(path, KIND, VERSION));
  }

  /**
   * Decodes and validates ensemble file bytes.
   *
   * @param bytes the complete file
   * @param source a name for error messages
   * @return the ensemble
   * @throws ModelFileException if the bytes are corrupt, of another kind, too new or inconsistent
   */
  public static TreeEnsemble fromBytes(byte[] bytes, String source) throws ModelFileException {
    return decode(ModelFile.fromBytes(bytes, source, KIND, VERSION));
  }

  private static ModelFileWriter writer(TreeEnsemble e) {
    int nodes = e.numNodes();
    int trees = e.treeCount();
    int[] feature = new int[nodes];
    float[] value = new float[nodes];
    int[] right = new int[nodes];
    byte[] flags = new byte[nodes];
    double[] cover = e.hasCover() ? new double[nodes] : null;
    float[] gain = e.hasGain() ? new float[nodes] : null;
    int[] catWords = new int[nodes];
    List<int[]> cats = new ArrayList<>();
    int catTotal = 0;
    for (int n = 0; n < nodes; n++) {
      feature[n] = e.nodeFeature(n);
      value[n] = e.nodeValue(n);
      flags[n] = e.nodeFlags(n);
      if (feature[n] >= 0) {
        right[n] = e.nodeRight(n);
        if (gain != null) {
          gain[n] = e.nodeGain(n);
        }
        if ((flags[n] & TreeEnsemble.CATEGORICAL) != 0) {
          int[] bits = e.nodeCategories(n);
          catWords[n] = bits.length;
          cats.add(bits);
          catTotal += bits.length;
        }
      }
      if (cover != null) {
        cover[n] = e.nodeCover(n);
      }
    }
    int[] treeStart = new int[trees + 1];
    int[] treeGroup = new int[trees];
    for (int t = 0; t < trees; t++) {
      treeStart[t] = e.treeStart(t);
      treeGroup[t] = e.treeGroup(t);
    }
    treeStart[trees] = nodes;
    double[] base = new double[e.numGroups()];
    for (int g = 0; g < base.length; g++) {
      base[g] = e.baseScore(g);
    }
    ModelFileWriter w = ModelFileWriter.create(KIND, VERSION)
        .putInts("shape", new int[] {e.featureCount(), e.numGroups(), trees, nodes,
            e.link().ordinal(), e.float32Accumulation() ? 1 : 0})
        .putDouble("linkScale", e.linkScale())
        .putDoubles("baseScore", base)
        .putInts("treeStart", treeStart)
        .putInts("treeGroup", treeGroup)
        .putInts("feature", feature)
        .putFloats("value", value)
        .putInts("right", right)
        .putBytes("flags", flags)
        .putStrings("featureNames", e.featureNames());
    if (cover != null) {
      w.putDoubles("cover", cover);
    }
    if (gain != null) {
      w.putFloats("gain", gain);
    }
    if (catTotal > 0) {
      int[] catBits = new int[catTotal];
      int k = 0;
      for (int[] bits : cats) {
        System.arraycopy(bits, 0, catBits, k, bits.length);
        k += bits.length;
      }
      w.putInts("catWords", catWords).putInts("catBits", catBits);
    }
    return w;
  }

  private static TreeEnsemble decode(ModelFile f) throws ModelFileException {
    String src = f.source();
    int[] shape = f.getInts("shape");
    if (shape.length != 6) {
      throw new ModelFileException(src + ": section 'shape' has " + shape.length
          + " values, expected 6");
    }
    int features = shape[0];
    int groups = shape[1];
    int trees = shape[2];
    int nodes = shape[3];
    int linkOrdinal = shape[4];
    if (linkOrdinal < 0 || linkOrdinal >= Link.values().length) {
      throw new ModelFileException(src + ": unknown link " + linkOrdinal);
    }
    if (trees < 0 || nodes < 0 || nodes > TreeEnsemble.MAX_NODES) {
      throw new ModelFileException(src + ": invalid tree or node count");
    }
    int[] treeStart = f.getInts("treeStart");
    int[] treeGroup = f.getInts("treeGroup");
    int[] feature = f.getInts("feature");
    float[] value = f.getFloats("value");
    int[] right = f.getInts("right");
    byte[] flags = f.getBytes("flags");
    double[] cover = f.sectionNames().contains("cover") ? f.getDoubles("cover") : null;
    float[] gain = f.sectionNames().contains("gain") ? f.getFloats("gain") : null;
    boolean hasCats = f.sectionNames().contains("catWords");
    int[] catWords = hasCats ? f.getInts("catWords") : null;
    int[] catBits = hasCats ? f.getInts("catBits") : null;
    if (treeStart.length != trees + 1 || treeGroup.length != trees || feature.length != nodes
        || value.length != nodes || right.length != nodes || flags.length != nodes
        || (cover != null && cover.length != nodes) || (gain != null && gain.length != nodes)
        || (catWords != null && catWords.length != nodes)) {
      throw new ModelFileException(src + ": section lengths do not match shape " + trees
          + " trees / " + nodes + " nodes");
    }
    List<String> names = f.getStrings("featureNames");
    try {
      TreeEnsemble.Builder b = TreeEnsemble.builder(features, groups)
          .link(Link.values()[linkOrdinal], f.getDouble("linkScale"))
          .baseScore(f.getDoubles("baseScore"))
          .float32Accumulation(shape[5] != 0)
          .featureNames(names.isEmpty() ? null : names);
      int catPos = 0;
      int previousEnd = 0;
      for (int t = 0; t < trees; t++) {
        int start = treeStart[t];
        int end = treeStart[t + 1];
        if (start != previousEnd || end > nodes || end <= start) {
          throw new ModelFileException(src + ": tree " + t + " spans invalid nodes [" + start
              + ", " + end + ")");
        }
        previousEnd = end;
        TreeEnsemble.TreeBuilder tb = b.addTree(treeGroup[t], end - start);
        for (int i = 0; i < end - start; i++) {
          int n = start + i;
          byte fl = flags[n];
          if (feature[n] < 0) {
            tb.leaf(i, value[n]);
          } else if ((fl & TreeEnsemble.CATEGORICAL) != 0) {
            if (catWords == null || catWords[n] < 0 || catPos + catWords[n] > catBits.length) {
              throw new ModelFileException(src + ": node " + n + " has no valid category set");
            }
            tb.categorical(i, feature[n],
                java.util.Arrays.copyOfRange(catBits, catPos, catPos + catWords[n]), i + 1,
                right[n] - start, (fl & TreeEnsemble.NAN_LEFT) != 0);
            catPos += catWords[n];
            if ((fl & TreeEnsemble.NEGATIVE_UNSEEN) != 0) {
              tb.negativeIsUnseen(i);
            }
          } else {
            tb.split(i, feature[n], value[n], i + 1, right[n] - start,
                (fl & TreeEnsemble.NAN_LEFT) != 0);
            if ((fl & TreeEnsemble.ZERO_MISSING) != 0) {
              tb.zeroAsMissing(i);
            }
          }
          if (cover != null) {
            tb.cover(i, cover[n]);
          }
          if (gain != null && feature[n] >= 0) {
            tb.gain(i, gain[n]);
          }
        }
        if (t == trees - 1 && end != nodes) {
          throw new ModelFileException(src + ": trees cover " + end + " of " + nodes + " nodes");
        }
      }
      TreeEnsemble e = b.build();
      if (e.numNodes() != nodes) {
        throw new ModelFileException(src + ": " + (nodes - e.numNodes())
            + " nodes are unreachable");
      }
      return e;
    } catch (IllegalArgumentException e) {
      throw new ModelFileException(src + ": invalid tree ensemble: " + e.getMessage());
    }
  }
}
