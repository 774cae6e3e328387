package io.aura.models.forest;

import io.aura.features.Labels;
import io.aura.models.persist.ModelFile;
import io.aura.models.persist.ModelFileException;
import io.aura.models.persist.ModelFileWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves and loads a {@link GroupedIsolationForest} keyed by {@link Labels} in Aura's model-file
 * container (kind {@value GroupedIsolationForest#KIND}): per group, the label names and values and
 * the group's forest as a nested, separately checksummed {@link IsolationForestFile}. The same form
 * as {@link IsolationForestFile}: {@code write}/{@code read}.
 *
 * <p>Thread safety: stateless static methods. Allocation: O(file size). Complexity: O(nodes of all
 * groups).
 */
public final class GroupedIsolationForestFile {
  private GroupedIsolationForestFile() {}

  /**
   * Writes a forest-per-{@link Labels} model atomically: per group, the label names and values and
   * the group's forest as a nested, separately checksummed model file.
   *
   * @param model the model
   * @param path the destination
   * @throws IOException if writing fails (the destination is then untouched)
   */
  public static void write(GroupedIsolationForest<Labels> model, Path path) throws IOException {
    ModelFileWriter w = ModelFileWriter.create(GroupedIsolationForest.KIND, GroupedIsolationForest.FILE_VERSION)
        .putInt("groups", model.forests().size());
    int g = 0;
    for (Map.Entry<Labels, IsolationForest> e : model.forests().entrySet()) {
      Map<String, String> labels = e.getKey().asMap();
      w.putStrings("g" + g + ".names", new ArrayList<>(labels.keySet()));
      w.putStrings("g" + g + ".values", new ArrayList<>(labels.values()));
      w.putBytes("g" + g + ".forest", IsolationForestFile.toBytes(e.getValue()));
      g++;
    }
    w.writeAtomically(path);
  }

  /**
   * Reads a model written by {@link #write}.
   *
   * @param path the file
   * @return the model, groups in their saved order
   * @throws IOException if the file or a nested forest is unreadable, corrupt or of another kind
   */
  public static GroupedIsolationForest<Labels> read(Path path) throws IOException {
    ModelFile f = ModelFile.read(path, GroupedIsolationForest.KIND, GroupedIsolationForest.FILE_VERSION);
    int groups = f.getInt("groups");
    if (groups < 1 || groups > f.sectionNames().size()) {
      throw new ModelFileException(f.source() + ": invalid group count " + groups);
    }
    Map<Labels, IsolationForest> out = new LinkedHashMap<>();
    for (int g = 0; g < groups; g++) {
      List<String> names = f.getStrings("g" + g + ".names");
      List<String> values = f.getStrings("g" + g + ".values");
      if (names.size() != values.size()) {
        throw new ModelFileException(f.source() + ": group " + g + " has unpaired label names and values");
      }
      Map<String, String> m = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        m.put(names.get(i), values.get(i));
      }
      Labels key;
      try {
        key = Labels.of(m);
      } catch (IllegalArgumentException e) {
        throw new ModelFileException(f.source() + ": group " + g + " has invalid labels: " + e.getMessage());
      }
      IsolationForest forest = IsolationForestFile.fromBytes(f.getBytes("g" + g + ".forest"), f.source() + " group " + g);
      if (out.put(key, forest) != null) {
        throw new ModelFileException(f.source() + ": duplicate group " + key);
      }
    }
    return GroupedIsolationForest.of(out);
  }
}
