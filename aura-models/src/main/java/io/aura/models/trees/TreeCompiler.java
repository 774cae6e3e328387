package io.aura.models.trees;

import io.aura.features.InvalidDataException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compiles the node tables of a {@link TreeEnsemble.Builder} into the arrays the engine walks:
 * validates reachability (no cycles, shared children or undefined nodes on a root path, depth at
 * most {@link TreeEnsemble#MAX_DEPTH}), orders trees group-major, lays each tree out in pre-order
 * with an explicit stack (no recursion), and derives the packed fast-path copy and the step count
 * of each run of trees.
 *
 * <p>Thread safety: stateless; every method may be called concurrently on distinct inputs.
 * Allocation: O(nodes) per compile. Complexity: O(nodes) for {@link #compile} and {@link #pack},
 * O(trees) for {@link #runSteps}.
 */
final class TreeCompiler {
  private TreeCompiler() {}

  static Layout compile(int numGroups, List<TreeTable> trees, long nodeTotal) {
    Layout c = new Layout();
    boolean allCover = !trees.isEmpty();
    boolean allGain = !trees.isEmpty();
    boolean anyCat = false;
    int catWords = 0;
    for (TreeTable t : trees) {
      allCover &= t.allDefinedHave(true);
      allGain &= t.allDefinedHave(false);
      anyCat |= t.catWords > 0;
      catWords += t.catWords;
    }
    int total = (int) nodeTotal;
    c.feature = new int[total];
    c.value = new float[total];
    c.right = new int[total];
    c.flags = new byte[total];
    c.cover = allCover ? new double[total] : null;
    c.gain = allGain ? new float[total] : null;
    c.catStart = anyCat ? new int[total] : null;
    c.catBits = anyCat ? new int[catWords] : null;
    c.treeStart = new int[trees.size() + 1];
    c.treeGroup = new int[trees.size()];
    c.treeDepth = new int[trees.size()];
    c.groupTreeStart = new int[numGroups + 1];
    // group-major, stable order
    List<TreeTable> ordered = new ArrayList<>(trees);
    ordered.sort((a, b) -> a.group != b.group ? Integer.compare(a.group, b.group)
        : Integer.compare(a.index, b.index));
    int next = 0;
    int catNext = 0;
    int[] stack = new int[64];
    for (int ti = 0; ti < ordered.size(); ti++) {
      TreeTable t = ordered.get(ti);
      t.checkDefined();
      c.treeStart[ti] = next;
      c.treeGroup[ti] = t.group;
      c.groupTreeStart[t.group + 1]++;
      boolean[] seen = new boolean[t.size];
      // stack entries: (source node, new index of parent whose right pointer to patch or -1,
      // depth)
      int sp = 0;
      stack = push(stack, sp, 0, -1, 0);
      sp += 3;
      int treeDepth = 0;
      while (sp > 0) {
        sp -= 3;
        int src = stack[sp];
        int patch = stack[sp + 1];
        int depth = stack[sp + 2];
        if (seen[src]) {
          throw new InvalidDataException(
              "tree " + t.index + ": node " + src + " is reached twice (cycle or shared child)");
        }
        seen[src] = true;
        if (depth > TreeEnsemble.MAX_DEPTH) {
          throw new InvalidDataException(
              "tree " + t.index + " is deeper than " + TreeEnsemble.MAX_DEPTH + " at node " + src);
        }
        treeDepth = Math.max(treeDepth, depth);
        int n = next++;
        if (patch >= 0) {
          c.right[patch] = n;
        }
        c.feature[n] = t.feature[src];
        c.value[n] = t.value[src];
        c.flags[n] = t.flags[src];
        if (c.cover != null) {
          c.cover[n] = t.cover[src];
        }
        if (t.feature[src] >= 0) {
          if (c.gain != null) {
            c.gain[n] = t.gain[src];
          }
          if (t.cats != null && t.cats[src] != null) {
            int[] bits = t.cats[src];
            c.catStart[n] = catNext;
            c.catBits[catNext++] = bits.length;
            System.arraycopy(bits, 0, c.catBits, catNext, bits.length);
            catNext += bits.length;
          }
          // push right first, then left, so left is laid out at n + 1
          stack = push(stack, sp, t.right[src], n, depth + 1);
          sp += 3;
          stack = push(stack, sp, t.left[src], -1, depth + 1);
          sp += 3;
        }
      }
      c.treeDepth[ti] = treeDepth;
      c.maxDepth = Math.max(c.maxDepth, treeDepth);
    }
    c.treeStart[ordered.size()] = next;
    for (int g = 0; g < numGroups; g++) {
      c.groupTreeStart[g + 1] += c.groupTreeStart[g];
    }
    if (next != total) {
      // unreachable nodes: compact
      c.feature = Arrays.copyOf(c.feature, next);
      c.value = Arrays.copyOf(c.value, next);
      c.right = Arrays.copyOf(c.right, next);
      c.flags = Arrays.copyOf(c.flags, next);
      c.cover = c.cover == null ? null : Arrays.copyOf(c.cover, next);
      c.gain = c.gain == null ? null : Arrays.copyOf(c.gain, next);
      c.catStart = c.catStart == null ? null : Arrays.copyOf(c.catStart, next);
    }
    return c;
  }

  private static int[] push(int[] stack, int sp, int a, int b, int d) {
    if (sp + 3 > stack.length) {
      stack = Arrays.copyOf(stack, stack.length * 2);
    }
    stack[sp] = a;
    stack[sp + 1] = b;
    stack[sp + 2] = d;
    return stack;
  }

  /**
   * The number of steps of each run of the packed walk, indexed by the run's first tree: runs of
   * twelve trees from the start of each group, then runs of four, then single trees, exactly as
   * {@code TreeEnsemble.packedMargin} walks them. Precomputed because taking the maximum of twelve depths per
   * run inside the walk measured about 15 % slower (C2 kept fewer chains in registers).
   */
  static int[] runSteps(int[] depth, int[] groupTreeStart) {
    int[] steps = new int[depth.length];
    for (int g = 0; g + 1 < groupTreeStart.length; g++) {
      int t = groupTreeStart[g];
      final int end = groupTreeStart[g + 1];
      for (; t + 12 <= end; t += 12) {
        steps[t] = max(depth, t, 12);
      }
      for (; t + 4 <= end; t += 4) {
        steps[t] = max(depth, t, 4);
      }
      for (; t < end; t++) {
        steps[t] = depth[t];
      }
    }
    return steps;
  }

  private static int max(int[] a, int from, int count) {
    int m = a[from];
    for (int i = from + 1; i < from + count; i++) {
      m = Math.max(m, a[i]);
    }
    return m;
  }

  /**
   * The packed fast-path layout, or null if a split needs the general decision rule, the model
   * reads more than {@link TreeEnsemble#MAX_PACKED_FEATURES} features or a right child lies more than {@link
   * TreeEnsemble#MAX_PACKED_OFFSET} nodes after its parent. Node {@code n} is {@code p[2n]}: the threshold's
   * {@link TreeEnsemble#orderKey} (a leaf: its value's bits), and {@code p[2n + 1]}: twice the right child's
   * offset in the high 16 bits, the key slot in the low 16 (a leaf: offset 0, slot {@code 2F}).
   * The walk loads the threshold on its own rather than shifting it out of one {@code long}: that
   * measured about 5 % faster per row (C2 reads it straight into the comparison, off the path from
   * the slot to the key).
   */
  static int[] pack(int numFeatures, int[] feature, float[] value, int[] right,
      byte[] flags) {
    if (numFeatures > TreeEnsemble.MAX_PACKED_FEATURES) {
      return null;
    }
    for (int n = 0; n < feature.length; n++) {
      if (flags[n] > TreeEnsemble.NAN_LEFT || (feature[n] >= 0 && right[n] - n > TreeEnsemble.MAX_PACKED_OFFSET)) {
        return null;
      }
    }
    int[] p = new int[2 * feature.length];
    final int leafSlot = 2 * numFeatures;
    for (int n = 0; n < feature.length; n++) {
      if (feature[n] < 0) {
        p[2 * n] = Float.floatToRawIntBits(value[n]); // read as the leaf value; no key is above it
        p[2 * n + 1] = leafSlot; // step 0: a leaf stays put
      } else {
        p[2 * n] = value[n] == 0f ? -1 : TreeEnsemble.orderKey(Float.floatToRawIntBits(value[n]));
        int slot = feature[n] + (flags[n] == TreeEnsemble.NAN_LEFT ? numFeatures : 0);
        p[2 * n + 1] = (2 * (right[n] - n)) << 16 | slot;
      }
    }
    return p;
  }

  /** The compiled arrays, in the layout {@link TreeEnsemble} walks. */
  static final class Layout {
    int[] feature;
    float[] value;
    int[] right;
    byte[] flags;
    int[] catStart;
    int[] catBits;
    double[] cover;
    float[] gain;
    int[] treeStart;
    int[] treeGroup;
    int[] groupTreeStart;
    int[] treeDepth;
    int maxDepth;
  }
}
