package io.aura.ensemble.pipeline;

import io.aura.models.persist.ModelFile;
import io.aura.models.persist.ModelFileException;
import io.aura.models.persist.ModelFileWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Many pipelines, one per entity (a node, a disk, a workload), listed in one manifest file and
 * loaded lazily: a fleet of hundreds of per-node models opens instantly and holds in memory only
 * the pipelines it has used.
 *
 * <p>The manifest is an Aura model file (kind {@value #KIND}, version {@value #VERSION}, CRC-32C,
 * written atomically) holding entity keys and the pipeline files' paths relative to the manifest's
 * directory. Paths must stay inside that directory: absolute paths and {@code ..} are rejected on
 * write and on load, so a crafted manifest cannot make Aura read arbitrary files. Each pipeline
 * file is validated by {@link PipelineFile} when first used.
 *
 * <p>Thread safety: safe; concurrent first uses of one entity load it once. Allocation: the key map
 * at open; a pipeline per entity on first use. Complexity: O(entities) to open, O(1) per lookup
 * after the first load of an entity.
 */
public final class PipelineManifest {
  /** The model kind of a manifest file. */
  public static final String KIND = "aura.pipeline-manifest";

  /** The newest manifest version. */
  public static final int VERSION = 1;

  private final Path dir;
  private final Map<String, Path> files;
  private final ConcurrentHashMap<String, DetectionPipeline> loaded = new ConcurrentHashMap<>();

  private PipelineManifest(Path dir, Map<String, Path> files) {
    this.dir = dir;
    this.files = Collections.unmodifiableMap(files);
  }

  /**
   * Writes a manifest atomically.
   *
   * @param manifest the manifest file
   * @param entries entity key → pipeline file, relative to the manifest's directory
   * @throws IOException on a write failure
   * @throws IllegalArgumentException if a path is absolute or leaves the directory
   */
  public static void write(Path manifest, Map<String, Path> entries) throws IOException {
    List<String> keys = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    for (Map.Entry<String, Path> e : entries.entrySet()) {
      keys.add(Objects.requireNonNull(e.getKey(), "entity key"));
      paths.add(checkRelative(e.getValue(), manifest.toString()).toString());
    }
    ModelFileWriter.create(KIND, VERSION)
        .putStrings("entities", keys)
        .putStrings("files", paths)
        .writeAtomically(manifest);
  }

  /**
   * Opens a manifest; no pipeline is loaded yet.
   *
   * @param manifest the manifest file
   * @return the manifest
   * @throws ModelFileException if the file is corrupt, of another kind, or lists unsafe paths or
   *     duplicate keys
   * @throws IOException if it cannot be read
   */
  public static PipelineManifest open(Path manifest) throws IOException {
    ModelFile f = ModelFile.read(manifest, KIND, VERSION);
    List<String> keys = f.getStrings("entities");
    List<String> paths = f.getStrings("files");
    if (keys.size() != paths.size()) {
      throw new ModelFileException(
          manifest + ": " + keys.size() + " entities but " + paths.size() + " files");
    }
    Map<String, Path> files = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      Path p;
      try {
        p = checkRelative(Path.of(paths.get(i)), manifest.toString());
      } catch (IllegalArgumentException e) { // includes InvalidPathException
        throw new ModelFileException(
            manifest + ": entity '" + keys.get(i) + "': " + e.getMessage());
      }
      if (files.put(keys.get(i), p) != null) {
        throw new ModelFileException(manifest + ": entity '" + keys.get(i) + "' is listed twice");
      }
    }
    Path parent = manifest.toAbsolutePath().getParent();
    return new PipelineManifest(parent, files);
  }

  private static Path checkRelative(Path p, String where) {
    Path n = p.normalize();
    if (p.isAbsolute() || n.startsWith("..") || n.toString().isEmpty()) {
      throw new IllegalArgumentException(
          where
              + ": pipeline path '"
              + p
              + "' must be relative to the manifest's directory and stay inside it");
    }
    return n;
  }

  /**
   * @return the entity keys, in manifest order
   */
  public List<String> entities() {
    return List.copyOf(files.keySet());
  }

  /**
   * @return whether an entity is listed
   */
  public boolean contains(String entity) {
    return files.containsKey(entity);
  }

  /**
   * @return how many pipelines have been loaded so far
   */
  public int loadedCount() {
    return loaded.size();
  }

  /**
   * The pipeline of an entity, loaded and validated on first use.
   *
   * @param entity the entity key
   * @return the pipeline
   * @throws IllegalArgumentException if the entity is not listed
   * @throws UncheckedIOException wrapping the {@link ModelFileException} or {@link IOException} of
   *     a pipeline file that cannot be read or does not validate (it is retried on the next call)
   */
  public DetectionPipeline pipeline(String entity) {
    Path rel = files.get(entity);
    if (rel == null) {
      throw new IllegalArgumentException(
          "entity '"
              + entity
              + "' is not in the manifest (it lists "
              + files.size()
              + " entities)");
    }
    return loaded.computeIfAbsent(
        entity,
        k -> {
          try {
            return PipelineFile.read(dir.resolve(rel));
          } catch (IOException e) {
            throw new UncheckedIOException("entity '" + entity + "': " + e.getMessage(), e);
          }
        });
  }
}
