package io.aura.ensemble.pipeline;

import io.aura.features.anomaly.AnomalyType;
import io.aura.features.selection.FeatureSelection;
import io.aura.models.detect.AlarmPolicy;
import io.aura.models.detect.SeverityScale;
import io.aura.models.forest.IsolationForest;
import io.aura.models.forest.IsolationForestFile;
import io.aura.models.persist.ModelFile;
import io.aura.models.persist.ModelFileException;
import io.aura.models.persist.ModelFileWriter;
import io.aura.models.trees.TreeEnsemble;
import io.aura.models.trees.TreeEnsembleFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link DetectionPipeline} as one file: Aura's model-file container (magic, format version, kind
 * {@value #KIND}, pipeline version {@value #VERSION}, typed sections, CRC-32C over everything; see
 * {@link ModelFile}), written atomically (temporary file, fsync, rename) so that a crash during a
 * save leaves the old or the new complete file, never a mix. Never Java serialization.
 *
 * <p>Sections: the feature set's name, step, zone and the SHA-256 fingerprint of its feature names;
 * the selected indices and their scores; the scaling centers and scales; the class names; the
 * members' kinds in order, and one section per member ({@code member.0}, {@code member.1}, …), each
 * a complete model file of the member's own kind, version and checksum ({@link
 * PipelineMember#toBytes()}); each member's alarm policy (threshold, release level, minimum gap);
 * the drift reference rows; the provenance.
 *
 * <p>Validation on load: the container's checksum, kind and version; the feature set and every
 * member kind against a {@link PipelineRegistry} (an unknown one is refused by name); the feature
 * fingerprint against the feature engine of this Aura build (a pipeline made for other features is
 * rejected, not silently misread); each member's own checks against the pipeline's selection and
 * classes. Every failure is a {@link ModelFileException} naming the file and the problem.
 *
 * <p>Files of the first pipeline version (1: a classifier, a forest and memory/disk warnings in
 * fixed sections) are read into the same members, so they detect exactly as before; their alarm
 * policies are each member's own decision (the classifier's class, the forest's HIGH severity, a
 * warning) with the default minimum gap, since they were never calibrated: retrain to calibrate the
 * false-alarm budget.
 *
 * <p>Thread safety: stateless. Allocation: the file's bytes. Complexity: O(file size).
 */
public final class PipelineFile {
  /** The model kind in the container header. */
  public static final String KIND = "aura.detection-pipeline";

  /** The newest pipeline version this build writes and reads (1 is read too). */
  public static final int VERSION = 2;

  private PipelineFile() {}

  /**
   * Encodes a pipeline.
   *
   * @param p the pipeline
   * @return the file's bytes
   */
  public static byte[] toBytes(DetectionPipeline p) {
    return writer(p).toBytes();
  }

  /**
   * Writes a pipeline atomically.
   *
   * @param p the pipeline
   * @param path the target; replaced only once the new file is complete
   * @throws IOException on a write failure
   */
  public static void write(DetectionPipeline p, Path path) throws IOException {
    writer(p).writeAtomically(path);
  }

  private static ModelFileWriter writer(DetectionPipeline p) {
    return writer(p, p.featureSpec().schema().fingerprint());
  }

  /** The writer with a given feature fingerprint (tests write mismatched files with it). */
  static ModelFileWriter writer(DetectionPipeline p, String featureFingerprint) {
    List<String> classes = new ArrayList<>();
    for (AnomalyType t : p.classes()) {
      classes.add(t.name());
    }
    List<String> kinds = new ArrayList<>();
    for (PipelineMember m : p.members()) {
      kinds.add(m.kind());
    }
    ModelFileWriter w =
        ModelFileWriter.create(KIND, VERSION)
            .putString("features.set", p.featureSet().name())
            .putLong("features.step.millis", p.step().toMillis())
            .putString("features.zone", p.zone().getId())
            .putString("features.fingerprint", featureFingerprint)
            .putInts("selection.indices", p.selection().selectedIndices())
            .putDoubles("selection.scores", p.selection().scores())
            .putString("selection.method", p.selection().method())
            .putDoubles("scaling.centers", p.centers())
            .putDoubles("scaling.scales", p.scales())
            .putStrings("classes", classes)
            .putStrings("members.kinds", kinds);
    double[] policies = new double[3 * p.members().size()];
    for (int i = 0; i < p.members().size(); i++) {
      w.putBytes("member." + i, p.members().get(i).toBytes());
      AlarmPolicy a = p.alarmPolicies().get(i);
      policies[3 * i] = a.threshold();
      policies[3 * i + 1] = a.releaseLevel();
      policies[3 * i + 2] = a.minGapSteps();
    }
    w.putDoubles("alarms.policies", policies);
    return w.putInt("drift.rows", p.driftRows().length)
        .putDoubles("drift.reference", flatten(p.driftRows()))
        .putStrings("provenance.keys", new ArrayList<>(p.provenance().keySet()))
        .putStrings("provenance.values", new ArrayList<>(p.provenance().values()));
  }

  /**
   * The fixed confidence cuts (0.6 medium, 0.8 high, 0.95 critical) of files written before the
   * classifier's severity was calibrated; such files are read with them, as they were made.
   */
  static final SeverityScale FIXED_CLASSIFIER_SEVERITY = new SeverityScale(0, 0.6, 0.8, 0.95);

  private static double[] flatten(double[][] rows) {
    int d = rows.length == 0 ? 0 : rows[0].length;
    double[] out = new double[rows.length * d];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, out, i * d, d);
    }
    return out;
  }

  /**
   * Reads and validates a pipeline file with Aura's member kinds and feature sets.
   *
   * @param path the file
   * @return the pipeline
   * @throws ModelFileException if the file is corrupt, of another kind or version, or made for
   *     other features, with an unknown member kind or with inconsistent members
   * @throws IOException if it cannot be read
   */
  public static DetectionPipeline read(Path path) throws IOException {
    return read(path, PipelineRegistry.defaults());
  }

  /**
   * Reads and validates a pipeline file whose members or feature set may be a user's own.
   *
   * @param path the file
   * @param registry the member kinds and feature sets known
   * @return the pipeline
   * @throws ModelFileException as {@link #read(Path)}
   * @throws IOException if it cannot be read
   */
  public static DetectionPipeline read(Path path, PipelineRegistry registry) throws IOException {
    return decode(ModelFile.read(path, KIND, VERSION), registry);
  }

  /**
   * Decodes and validates pipeline-file bytes.
   *
   * @param bytes the complete file
   * @param source a name for error messages
   * @return the pipeline
   * @throws ModelFileException as {@link #read}
   */
  public static DetectionPipeline fromBytes(byte[] bytes, String source) throws ModelFileException {
    return fromBytes(bytes, source, PipelineRegistry.defaults());
  }

  /**
   * Decodes and validates pipeline-file bytes.
   *
   * @param bytes the complete file
   * @param source a name for error messages
   * @param registry the member kinds and feature sets known
   * @return the pipeline
   * @throws ModelFileException as {@link #read}
   */
  public static DetectionPipeline fromBytes(byte[] bytes, String source, PipelineRegistry registry)
      throws ModelFileException {
    return decode(ModelFile.fromBytes(bytes, source, KIND, VERSION), registry);
  }

  private static DetectionPipeline decode(ModelFile f, PipelineRegistry registry)
      throws ModelFileException {
    String src = f.source();
    String set = f.getString("features.set");
    FeatureSet featureSet = registry.features(set);
    if (featureSet == null) {
      throw new ModelFileException(
          src
              + ": feature set '"
              + set
              + "' is not known to this reader (it knows "
              + registry.featureSetNames()
              + "); register it with PipelineRegistry.withFeatures");
    }
    long stepMillis = f.getLong("features.step.millis");
    if (stepMillis <= 0 || stepMillis > Duration.ofMinutes(5).toMillis()) {
      throw new ModelFileException(
          src + ": feature step " + stepMillis + " ms is outside (0, 5 min]");
    }
    ZoneId zone;
    try {
      zone = ZoneId.of(f.getString("features.zone"));
    } catch (DateTimeException e) {
      throw new ModelFileException(src + ": bad time zone: " + e.getMessage());
    }
    Duration step = Duration.ofMillis(stepMillis);
    var spec = wrap(src, () -> featureSet.spec(step, zone));
    String fingerprint = f.getString("features.fingerprint");
    if (!spec.schema().fingerprint().equals(fingerprint)) {
      throw new ModelFileException(
          src
              + ": the pipeline was made for features with fingerprint "
              + fingerprint
              + ", but this Aura build's "
              + set
              + " features have fingerprint "
              + spec.schema().fingerprint()
              + " (different feature names or order); retrain the pipeline");
    }
    FeatureSelection selection =
        wrap(
            src,
            () ->
                FeatureSelection.of(
                    spec.schema(),
                    f.getInts("selection.indices"),
                    f.getDoubles("selection.scores"),
                    f.getString("selection.method")));
    List<AnomalyType> classes = new ArrayList<>();
    for (String name : f.getStrings("classes")) {
      try {
        classes.add(AnomalyType.valueOf(name));
      } catch (IllegalArgumentException e) {
        throw new ModelFileException(
            src + ": unknown anomaly type '" + name + "' in the class list");
      }
    }
    if (classes.isEmpty() || classes.get(0) != AnomalyType.NORMAL) {
      throw new ModelFileException(
          src + ": the class list " + classes + " does not start with NORMAL");
    }
    MemberContext context = new MemberContext(spec.schema(), selection, classes, step);
    List<PipelineMember> members =
        f.modelVersion() == 1 ? legacyMembers(f, context) : members(f, context, registry);
    List<AlarmPolicy> policies = f.modelVersion() == 1 ? null : policies(f, members.size());
    List<String> keys = f.getStrings("provenance.keys");
    List<String> values = f.getStrings("provenance.values");
    if (keys.size() != values.size()) {
      throw new ModelFileException(
          src + ": " + keys.size() + " provenance keys but " + values.size() + " values");
    }
    Map<String, String> provenance = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      provenance.put(keys.get(i), values.get(i));
    }
    double[] centers = f.getDoubles("scaling.centers");
    double[] scales = f.getDoubles("scaling.scales");
    int driftCount = f.getInt("drift.rows");
    double[] flat = f.getDoubles("drift.reference");
    int d = selection.size();
    if (driftCount < 1 || (long) driftCount * d != flat.length) {
      throw new ModelFileException(
          src
              + ": drift reference of "
              + flat.length
              + " values is not "
              + driftCount
              + " rows of "
              + d
              + " selected features");
    }
    double[][] driftRows = new double[driftCount][d];
    for (int i = 0; i < driftCount; i++) {
      System.arraycopy(flat, i * d, driftRows[i], 0, d);
    }
    return wrap(
        src,
        () ->
            new DetectionPipeline(
                featureSet,
                step,
                zone,
                selection,
                centers,
                scales,
                classes,
                members,
                policies,
                provenance,
                driftRows));
  }

  private static List<PipelineMember> members(
      ModelFile f, MemberContext context, PipelineRegistry registry) throws ModelFileException {
    String src = f.source();
    List<String> kinds = f.getStrings("members.kinds");
    if (kinds.isEmpty()) {
      throw new ModelFileException(src + ": the pipeline lists no members");
    }
    List<PipelineMember> members = new ArrayList<>();
    for (int i = 0; i < kinds.size(); i++) {
      String kind = kinds.get(i);
      PipelineMember.Reader reader = registry.member(kind);
      if (reader == null) {
        throw new ModelFileException(
            src
                + ": member "
                + i
                + " is of kind '"
                + kind
                + "', which this reader does not"
                + " know (it knows "
                + registry.memberKinds()
                + "); register its reader with PipelineRegistry.withMember");
      }
      PipelineMember m;
      try {
        m = reader.read(f.getBytes("member." + i), context);
      } catch (ModelFileException e) {
        throw new ModelFileException(src + "#member." + i + " (" + kind + "): " + e.getMessage());
      } catch (RuntimeException e) {
        throw new ModelFileException(src + "#member." + i + " (" + kind + "): " + e);
      }
      if (m == null || !kind.equals(m.kind())) {
        throw new ModelFileException(
            src
                + "#member."
                + i
                + ": the reader of '"
                + kind
                + "' made "
                + (m == null ? "nothing" : "a member of kind '" + m.kind() + "'"));
      }
      members.add(m);
    }
    return members;
  }

  private static List<AlarmPolicy> policies(ModelFile f, int members) throws ModelFileException {
    double[] a = f.getDoubles("alarms.policies");
    if (a.length != 3 * members) {
      throw new ModelFileException(
          f.source()
              + ": "
              + a.length
              + " alarm-policy values for "
              + members
              + " members (3 each)");
    }
    List<AlarmPolicy> out = new ArrayList<>();
    for (int i = 0; i < members; i++) {
      double gap = a[3 * i + 2];
      if (!(gap >= 1 && gap <= 1_000_000 && gap == Math.rint(gap))) {
        throw new ModelFileException(f.source() + ": member " + i + " has alarm gap " + gap);
      }
      int k = i;
      out.add(
          wrap(
              f.source() + " alarm policy of member " + i,
              () -> AlarmPolicy.of(a[3 * k], a[3 * k + 1], (int) gap)));
    }
    return out;
  }

  /** The members of a version-1 file: the classifier, the forest and the memory/disk warnings. */
  private static List<PipelineMember> legacyMembers(ModelFile f, MemberContext context)
      throws ModelFileException {
    String src = f.source();
    TreeEnsemble ensemble =
        TreeEnsembleFile.fromBytes(f.getBytes("classifier.ensemble"), src + "#classifier");
    int rounds = f.getInt("classifier.rounds");
    ClassifierMember classifier =
        wrap(src, () -> ClassifierMember.of(ensemble, context, rounds, FIXED_CLASSIFIER_SEVERITY));
    IsolationForest forest;
    try {
      forest = IsolationForestFile.fromBytes(f.getBytes("forest"), "bytes");
    } catch (ModelFileException e) {
      throw new ModelFileException(src + "#forest: " + e.getMessage());
    } catch (IOException e) {
      throw new ModelFileException(src + "#forest: " + e);
    }
    NoveltyMember novelty = wrap(src, () -> new NoveltyMember(forest, context.selectedCount()));
    WarningSettings warnings =
        wrap(src, () -> WarningSettings.fromLegacyArray(f.getDoubles("warnings")));
    List<PipelineMember> members = new ArrayList<>(List.of(classifier, novelty));
    for (WarningSettings.Rule rule : warnings.rules()) {
      members.add(wrap(src, () -> new TrendWarningMember(warnings, rule, context)));
    }
    return members;
  }

  @FunctionalInterface
  interface Decode<T> {
    T get() throws ModelFileException;
  }

  static <T> T wrap(String src, Decode<T> d) throws ModelFileException {
    try {
      return d.get();
    } catch (IllegalArgumentException e) { // includes InvalidDataException
      throw new ModelFileException(src + ": " + e.getMessage());
    }
  }
}
