package io.aura.models.persist;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * A validated model file (layout in {@link ModelFileWriter}): its kind, model version and named,
 * typed sections.
 *
 * <p>Validation on load, in order: file size (at least a header and checksum, at most {@link
 * #MAX_FILE_BYTES}); magic bytes; format version; CRC32C over the whole file; kind equal to the
 * expected kind; model version between 1 and the newest version the caller understands; payload
 * length equal to what remains; then every section: name length, type code, element count checked
 * against the bytes left <em>before</em> anything is allocated, no duplicate names, no trailing
 * bytes. Every failure is a {@link ModelFileException} naming the file.
 *
 * <p>Thread safety: immutable after loading; getters return copies of arrays. Allocation: the file
 * is read into memory once, sections are decoded eagerly. Complexity: O(file size).
 */
public final class ModelFile {
  /** The largest model file accepted (1 GiB). */
  public static final long MAX_FILE_BYTES = 1L << 30;

  private final String source;
  private final String kind;
  private final int modelVersion;
  private final Map<String, Object> sections;
  private final Map<String, SectionType> types;

  private ModelFile(
      String source,
      String kind,
      int modelVersion,
      Map<String, Object> sections,
      Map<String, SectionType> types) {
    this.source = source;
    this.kind = kind;
    this.modelVersion = modelVersion;
    this.sections = sections;
    this.types = types;
  }

  /**
   * Reads and validates a model file.
   *
   * @param path the file
   * @param expectedKind the model kind the caller can decode
   * @param newestVersion the newest model version the caller understands
   * @return the file
   * @throws ModelFileException if the file is corrupt, truncated, of another kind or too new
   * @throws IOException if it cannot be read
   */
  public static ModelFile read(Path path, String expectedKind, int newestVersion)
      throws IOException {
    byte[] bytes;
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size > MAX_FILE_BYTES) {
        throw new ModelFileException(
            path + ": " + size + " bytes exceeds the model-file limit of " + MAX_FILE_BYTES);
      }
      ByteBuffer buf = ByteBuffer.allocate((int) size);
      while (buf.hasRemaining()) {
        if (ch.read(buf) < 0) {
          throw new ModelFileException(path + ": file shrank while being read");
        }
      }
      bytes = buf.array();
    }
    return fromBytes(bytes, path.toString(), expectedKind, newestVersion);
  }

  /**
   * Validates and decodes model-file bytes.
   *
   * @param bytes the complete file
   * @param source a name for error messages (e.g. the path)
   * @param expectedKind the model kind the caller can decode
   * @param newestVersion the newest model version the caller understands
   * @return the file
   * @throws ModelFileException if the bytes are corrupt, truncated, of another kind or too new
   */
  public static ModelFile fromBytes(
      byte[] bytes, String source, String expectedKind, int newestVersion)
      throws ModelFileException {
    int minimum = ModelFileFormat.FIXED_HEADER_BYTES + 1 + 4 + ModelFileFormat.CHECKSUM_BYTES;
    byte[] magic = ModelFileFormat.MAGIC;
    for (int i = 0; i < Math.min(magic.length, bytes.length); i++) {
      if (bytes[i] != magic[i]) {
        throw new ModelFileException(source + ": not an Aura model file (bad magic bytes)");
      }
    }
    if (bytes.length < minimum) {
      throw new ModelFileException(
          source + ": truncated, " + bytes.length + " bytes is shorter than any model file");
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    buf.position(magic.length);
    int format = Short.toUnsignedInt(buf.getShort());
    if (format != ModelFileFormat.FORMAT_VERSION) {
      throw new ModelFileException(
          source
              + ": unsupported model-file format version "
              + format
              + " (this Aura reads "
              + ModelFileFormat.FORMAT_VERSION
              + ")");
    }
    int bodyEnd = bytes.length - ModelFileFormat.CHECKSUM_BYTES;
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bodyEnd);
    int stored = ByteBuffer.wrap(bytes, bodyEnd, 4).getInt();
    if (stored != (int) crc.getValue()) {
      throw new ModelFileException(
          source
              + ": checksum mismatch (file corrupt or truncated): stored "
              + Integer.toHexString(stored)
              + ", computed "
              + Long.toHexString(crc.getValue()));
    }
    int kindLength = Short.toUnsignedInt(buf.getShort());
    if (kindLength < 1
        || kindLength > ModelFileFormat.MAX_NAME_BYTES
        || kindLength > bodyEnd - buf.position() - 12) {
      throw new ModelFileException(source + ": invalid model-kind length " + kindLength);
    }
    String kind = utf8(bytes, buf.position(), kindLength, source);
    buf.position(buf.position() + kindLength);
    if (!kind.equals(expectedKind)) {
      throw new ModelFileException(
          source + ": holds a '" + kind + "' model, expected '" + expectedKind + "'");
    }
    int modelVersion = buf.getInt();
    if (modelVersion < 1 || modelVersion > newestVersion) {
      throw new ModelFileException(
          source
              + ": model version "
              + modelVersion
              + " of '"
              + kind
              + "' is not supported (this Aura reads versions 1.."
              + newestVersion
              + ")");
    }
    long payloadLength = buf.getLong();
    if (payloadLength != bodyEnd - buf.position()) {
      throw new ModelFileException(
          source
              + ": payload length "
              + payloadLength
              + " does not match the "
              + (bodyEnd - buf.position())
              + " bytes present");
    }
    buf.limit(bodyEnd);
    return new ModelFile(source, kind, modelVersion, new LinkedHashMap<>(), new LinkedHashMap<>())
        .decodeSections(buf, bytes);
  }

  private ModelFile decodeSections(ByteBuffer buf, byte[] bytes) throws ModelFileException {
    if (buf.remaining() < 4) {
      throw new ModelFileException(source + ": payload too short for its section count");
    }
    int count = buf.getInt();
    if (count < 0 || count > buf.remaining() / 8) {
      throw new ModelFileException(source + ": invalid section count " + count);
    }
    for (int s = 0; s < count; s++) {
      need(buf, 2, "section " + s + " name length");
      int nameLength = Short.toUnsignedInt(buf.getShort());
      if (nameLength < 1 || nameLength > ModelFileFormat.MAX_NAME_BYTES) {
        throw new ModelFileException(source + ": section " + s + " has name length " + nameLength);
      }
      need(buf, nameLength + 5, "section " + s + " header");
      String name = utf8(bytes, buf.position(), nameLength, source);
      buf.position(buf.position() + nameLength);
      int code = Byte.toUnsignedInt(buf.get());
      SectionType type = SectionType.ofCode(code);
      if (type == null) {
        throw new ModelFileException(
            source + ": section '" + name + "' has unknown type code " + code);
      }
      int n = buf.getInt();
      if (n < 0) {
        throw new ModelFileException(source + ": section '" + name + "' has negative length " + n);
      }
      String what = "section '" + name + "'";
      Object value;
      switch (type) {
        case INT:
          need(buf, 4L, what);
          value = buf.getInt();
          break;
        case LONG:
          need(buf, 8L, what);
          value = buf.getLong();
          break;
        case DOUBLE:
          need(buf, 8L, what);
          value = Double.longBitsToDouble(buf.getLong());
          break;
        case STRING:
          need(buf, n, what);
          value = utf8(bytes, buf.position(), n, source);
          buf.position(buf.position() + n);
          break;
        case BYTES:
          need(buf, n, what);
          byte[] raw = new byte[n];
          buf.get(raw);
          value = raw;
          break;
        case INT_ARRAY:
          need(buf, 4L * n, what);
          int[] ia = new int[n];
          buf.asIntBuffer().get(ia);
          buf.position(buf.position() + 4 * n);
          value = ia;
          break;
        case LONG_ARRAY:
          need(buf, 8L * n, what);
          long[] la = new long[n];
          buf.asLongBuffer().get(la);
          buf.position(buf.position() + 8 * n);
          value = la;
          break;
        case DOUBLE_ARRAY:
          need(buf, 8L * n, what);
          double[] da = new double[n];
          buf.asDoubleBuffer().get(da);
          buf.position(buf.position() + 8 * n);
          value = da;
          break;
        case FLOAT_ARRAY:
          need(buf, 4L * n, what);
          float[] fa = new float[n];
          buf.asFloatBuffer().get(fa);
          buf.position(buf.position() + 4 * n);
          value = fa;
          break;
        case STRING_LIST:
          need(buf, 4L * n, what);
          List<String> list = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            need(buf, 4, what);
            int len = buf.getInt();
            if (len < 0) {
              throw new ModelFileException(source + ": " + what + " has a negative string length");
            }
            need(buf, len, what);
            list.add(utf8(bytes, buf.position(), len, source));
            buf.position(buf.position() + len);
          }
          value = Collections.unmodifiableList(list);
          break;
        default:
          throw new AssertionError(type);
      }
      if (sections.put(name, value) != null) {
        throw new ModelFileException(source + ": duplicate section '" + name + "'");
      }
      types.put(name, type);
    }
    if (buf.hasRemaining()) {
      throw new ModelFileException(
          source + ": " + buf.remaining() + " unexpected bytes after the last section");
    }
    return this;
  }

  private void need(ByteBuffer buf, long n, String what) throws ModelFileException {
    if (n > buf.remaining()) {
      throw new ModelFileException(
          source + ": " + what + " needs " + n + " bytes but only " + buf.remaining() + " remain");
    }
  }

  private static String utf8(byte[] b, int off, int len, String source) throws ModelFileException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b, off, len))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ModelFileException(source + ": invalid UTF-8 text");
    }
  }

  /**
   * Where the file came from (for messages).
   *
   * @return the path or source name
   */
  public String source() {
    return source;
  }

  /**
   * The model kind.
   *
   * @return the kind
   */
  public String kind() {
    return kind;
  }

  /**
   * The model kind's schema version.
   *
   * @return the version
   */
  public int modelVersion() {
    return modelVersion;
  }

  /**
   * The section names in file order.
   *
   * @return an unmodifiable set
   */
  public Set<String> sectionNames() {
    return Collections.unmodifiableSet(sections.keySet());
  }

  private Object get(String name, SectionType type) throws ModelFileException {
    SectionType t = types.get(name);
    if (t == null) {
      throw new ModelFileException(source + ": missing section '" + name + "'");
    }
    if (t != type) {
      throw new ModelFileException(
          source + ": section '" + name + "' is " + t + ", expected " + type);
    }
    return sections.get(name);
  }

  /**
   * An int section.
   *
   * @param name the section name
   * @return the value
   * @throws ModelFileException if missing or of another type
   */
  public int getInt(String name) throws ModelFileException {
    return (Integer) get(name, SectionType.INT);
  }

  /**
   * A long section.
   *
   * @param name the section name
   * @return the value
   * @throws ModelFileException if missing or of another type
   */
  public long getLong(String name) throws ModelFileException {
    return (Long) get(name, SectionType.LONG);
  }

  /**
   * A double section.
   *
   * @param name the section name
   * @return the value
   * @throws ModelFileException if missing or of another type
   */
  public double getDouble(String name) throws ModelFileException {
    return (Double) get(name, SectionType.DOUBLE);
  }

  /**
   * A string section.
   *
   * @param name the section name
   * @return the value
   * @throws ModelFileException if missing or of another type
   */
  public String getString(String name) throws ModelFileException {
    return (String) get(name, SectionType.STRING);
  }

  /**
   * An int-array section.
   *
   * @param name the section name
   * @return a copy of the values
   * @throws ModelFileException if missing or of another type
   */
  public int[] getInts(String name) throws ModelFileException {
    return ((int[]) get(name, SectionType.INT_ARRAY)).clone();
  }

  /**
   * A long-array section.
   *
   * @param name the section name
   * @return a copy of the values
   * @throws ModelFileException if missing or of another type
   */
  public long[] getLongs(String name) throws ModelFileException {
    return ((long[]) get(name, SectionType.LONG_ARRAY)).clone();
  }

  /**
   * A double-array section.
   *
   * @param name the section name
   * @return a copy of the values
   * @throws ModelFileException if missing or of another type
   */
  public double[] getDoubles(String name) throws ModelFileException {
    return ((double[]) get(name, SectionType.DOUBLE_ARRAY)).clone();
  }

  /**
   * A float-array section.
   *
   * @param name the section name
   * @return a copy of the values
   * @throws ModelFileException if missing or of another type
   */
  public float[] getFloats(String name) throws ModelFileException {
    return ((float[]) get(name, SectionType.FLOAT_ARRAY)).clone();
  }

  /**
   * A raw-bytes section.
   *
   * @param name the section name
   * @return a copy of the bytes
   * @throws ModelFileException if missing or of another type
   */
  public byte[] getBytes(String name) throws ModelFileException {
    return ((byte[]) get(name, SectionType.BYTES)).clone();
  }

  /**
   * A string-list section.
   *
   * @param name the section name
   * @return an unmodifiable list
   * @throws ModelFileException if missing or of another type
   */
  @SuppressWarnings("unchecked")
  public List<String> getStrings(String name) throws ModelFileException {
    return (List<String>) get(name, SectionType.STRING_LIST);
  }
}
