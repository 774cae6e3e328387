package io.aura.rightsizing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * The state file of a streaming {@link VpaRecommender}, so that a service can stop and resume
 * without losing its history. Never Java serialization: a versioned binary layout (magic {@code
 * AURAVPA\0}, format version, the container name, every {@link VpaSettings} value, the counters,
 * both histograms) followed by a CRC-32 of everything before it. Written atomically (a temporary
 * file in the same folder, forced to disk, then moved over the target); validated on load (magic,
 * version, checksum, bucket counts against the settings, finite non-negative weights, bucket
 * indices in range, settings through the builder's checks): anything wrong throws {@link
 * IOException} naming the file and what is wrong. A loaded recommender continues bit for bit as
 * the one that was saved.
 *
 * <p>Stateless, thread-safe (the recommender must not be modified while it is saved). Cost: O(buckets)
 * time and about 3 KB per file with the default buckets.
 */
public final class VpaStateFile {
  static final byte[] MAGIC = "AURAVPA\0".getBytes(StandardCharsets.US_ASCII);
  /** The format version written. */
  public static final int VERSION = 1;

  private VpaStateFile() {}

  /**
   * Saves a recommender's state atomically.
   *
   * @param r the recommender
   * @param file the target (replaced)
   * @throws IOException if writing fails
   */
  public static void save(VpaRecommender r, Path file) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(MAGIC);
    out.writeInt(VERSION);
    r.writeState(out);
    out.flush();
    CRC32 crc = new CRC32();
    crc.update(bytes.toByteArray());
    out.writeLong(crc.getValue());
    out.flush();
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ch.write(java.nio.ByteBuffer.wrap(bytes.toByteArray()));
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Loads and validates a state file.
   *
   * @param file the file
   * @return a recommender with the saved settings and history
   * @throws IOException if the file cannot be read or is not a valid state file
   */
  public static VpaRecommender load(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    if (all.length < MAGIC.length + 4 + 8) {
      throw new IOException(file + ": not an Aura VPA state file (" + all.length + " bytes)");
    }
    if (!Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
      throw new IOException(file + ": not an Aura VPA state file (bad magic)");
    }
    CRC32 crc = new CRC32();
    crc.update(all, 0, all.length - 8);
    long stored = java.nio.ByteBuffer.wrap(all, all.length - 8, 8).getLong();
    DataInputStream in = new DataInputStream(
        new ByteArrayInputStream(all, MAGIC.length, all.length - 8 - MAGIC.length));
    int version = in.readInt();
    if (version != VERSION) {
      throw new IOException(file + ": state format version " + version + ", this Aura reads "
          + VERSION);
    }
    if (stored != crc.getValue()) {
      throw new IOException(file + ": checksum mismatch (file damaged or truncated)");
    }
    try {
      VpaRecommender r = VpaRecommender.readState(in);
      if (in.available() != 0) {
        throw new IOException(file + ": " + in.available() + " unexpected bytes after the state");
      }
      return r;
    } catch (IllegalArgumentException | java.io.EOFException e) {
      throw new IOException(file + ": invalid state: " + e.getMessage(), e);
    }
  }
}
