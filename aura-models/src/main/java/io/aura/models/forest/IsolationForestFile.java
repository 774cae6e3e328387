package io.aura.models.forest;

import io.aura.models.persist.ModelFile;
import io.aura.models.persist.ModelFileWriter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Saves and loads an {@link IsolationForest} in Aura's model-file container ({@link
 * ModelFileWriter}: versioned, CRC32C-checksummed, written atomically; kind {@value
 * IsolationForest#KIND}), in the same form as {@code TreeEnsembleFile} and {@code PipelineFile}:
 * {@code write}/{@code read} for files, {@code toBytes}/{@code fromBytes} for bytes. Loading
 * validates the header, every node and the tree structure.
 *
 * <p>Thread safety: stateless static methods. Allocation: O(file size). Complexity: O(nodes).
 */
public final class IsolationForestFile {
  private IsolationForestFile() {}

  /**
   * Writes the forest to a model file atomically.
   *
   * @param forest the forest
   * @param path the destination
   * @throws IOException if writing fails (the destination is then untouched)
   */
  public static void write(IsolationForest forest, Path path) throws IOException {
    forest.writer().writeAtomically(path);
  }

  /**
   * Encodes the forest.
   *
   * @param forest the forest
   * @return the complete file bytes
   */
  public static byte[] toBytes(IsolationForest forest) {
    return forest.writer().toBytes();
  }

  /**
   * Reads a forest written by {@link #write}, validating the file and the tree structure.
   *
   * @param path the file
   * @return the forest
   * @throws IOException if the file cannot be read, is corrupt, or holds another model kind
   */
  public static IsolationForest read(Path path) throws IOException {
    return IsolationForest.fromModelFile(
        ModelFile.read(path, IsolationForest.KIND, IsolationForest.FILE_VERSION));
  }

  /**
   * Decodes a forest from model-file bytes.
   *
   * @param bytes the bytes
   * @param source what the bytes are, for error messages (a file name, "<bytes>")
   * @return the forest
   * @throws IOException if the bytes are corrupt or hold another model kind
   */
  public static IsolationForest fromBytes(byte[] bytes, String source) throws IOException {
    return IsolationForest.fromModelFile(
        ModelFile.fromBytes(bytes, source, IsolationForest.KIND, IsolationForest.FILE_VERSION));
  }
}
