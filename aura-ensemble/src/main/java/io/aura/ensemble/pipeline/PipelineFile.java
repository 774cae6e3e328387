package io.aura.ensemble.pipeline;

import io.aura.features.KubernetesFeatures;
import io.aura.features.anomaly.AnomalyType;
import io.aura.features.selection.FeatureSelection;
import io.aura.models.detect.SeverityScale;
import io.aura.models.forest.IsolationForest;
import io.aura.models.persist.ModelFile;
import io.aura.models.persist.ModelFileException;
import io.aura.models.persist.ModelFileWriter;
import io.aura.models.trees.Classifier;
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
 * A {@link DetectionPipeline} as one file: Aura's model-file container (magic, format version,
 * kind {@value #KIND}, pipeline version {@value #VERSION}, typed sections, CRC-32C over everything;
 * see {@link ModelFile}), written atomically (temporary file, fsync, rename) so that a crash during
 * a save leaves the old or the new complete file, never a mix. Never Java serialization.
 *
 * <p>Sections: the feature set's name, step, zone and the SHA-256 fingerprint of its feature names;
 * the selected indices and their scores; the scaling centers and scales; the class names; the
 * classifier as an embedded tree-ensemble file ({@link TreeEnsembleFile}) and the forest as an
 * embedded Isolation Forest file — each with its own kind, version and checksum —; the warning
 * settings; the drift reference rows; the provenance.
 *
 * <p>Validation on load: the container's checksum, kind and version; the embedded members' own
 * checks; the feature fingerprint against the feature engine of this Aura build (a pipeline made
 * for other features is rejected, not silently misread); and every cross-member shape (selected
 * count against classifier and forest inputs, class count against the classifier). Every failure
 * is a {@link ModelFileException} naming the file and the problem.
 *
 * <p>Thread safety: stateless. Allocation: the file's bytes. Complexity: O(file size).
 */
public final class PipelineFile {
  /** The model kind in the container header. */
  public static final String KIND = "aura.detection-pipeline";
  /** The newest pipeline version this build writes and reads. */
  public static final int VERSION = 1;

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
    Classifier c = p.classifier();
    return ModelFileWriter.create(KIND, VERSION)
        .putString("features.set", DetectionPipeline.KUBERNETES_POD_FEATURES)
        .putLong("features.step.millis", p.step().toMillis())
        .putString("features.zone", p.zone().getId())
        .putString("features.fingerprint", featureFingerprint)
        .putInts("selection.indices", p.selection().selectedIndices())
        .putDoubles("selection.scores", p.selection().scores())
        .putString("selection.method", p.selection().method())
        .putDoubles("scaling.centers", p.centers())
        .putDoubles("scaling.scales", p.scales())
        .putStrings("classes", classes)
        .putBytes("classifier.ensemble", TreeEnsembleFile.toBytes(c.ensemble()))
        .putInt("classifier.rounds", c.rounds())
        .putDoubles("classifier.severity", severityCuts(p.classifierSeverity()))
        .putBytes("forest", p.forest().toBytes())
        .putDoubles("warnings", p.warnings().toArray())
        .putInt("drift.rows", p.driftRows().length)
        .putDoubles("drift.reference", flatten(p.driftRows()))
        .putStrings("provenance.keys", new ArrayList<>(p.provenance().keySet()))
        .putStrings("provenance.values", new ArrayList<>(p.provenance().values()));
  }

  /**
   * The fixed confidence cuts (0.6 medium, 0.8 high, 0.95 critical) of files written before the
   * classifier's severity was calibrated; such files are read with them, as they were made.
   */
  static final SeverityScale FIXED_CLASSIFIER_SEVERITY = new SeverityScale(0, 0.6, 0.8, 0.95);

  private static double[] severityCuts(SeverityScale s) {
    return new double[] {s.low(), s.medium(), s.high(), s.critical()};
  }

  private static double[] flatten(double[][] rows) {
    int d = rows.length == 0 ? 0 : rows[0].length;
    double[] out = new double[rows.length * d];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, out, i * d, d);
    }
    return out;
  }

  /**
   * Reads and validates a pipeline file.
   *
   * @param path the file
   * @return the pipeline
   * @throws ModelFileException if the file is corrupt, of another kind or version, or made for other
   *     features or with inconsistent members
   * @throws IOException if it cannot be read
   */
  public static DetectionPipeline read(Path path) throws IOException {
    return decode(ModelFile.read(path, KIND, VERSION));
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
    return decode(ModelFile.fromBytes(bytes, source, KIND, VERSION));
  }

  private static DetectionPipeline decode(ModelFile f) throws ModelFileException {
    String src = f.source();
    String set = f.getString("features.set");
    if (!DetectionPipeline.KUBERNETES_POD_FEATURES.equals(set)) {
      throw new ModelFileException(src + ": feature set '" + set + "' is not known to this Aura build (it knows "
          + DetectionPipeline.KUBERNETES_POD_FEATURES + ")");
    }
    long stepMillis = f.getLong("features.step.millis");
    if (stepMillis <= 0 || stepMillis > Duration.ofMinutes(5).toMillis()) {
      throw new ModelFileException(src + ": feature step " + stepMillis + " ms is outside (0, 5 min]");
    }
    ZoneId zone;
    try {
      zone = ZoneId.of(f.getString("features.zone"));
    } catch (DateTimeException e) {
      throw new ModelFileException(src + ": bad time zone: " + e.getMessage());
    }
    Duration step = Duration.ofMillis(stepMillis);
    var spec = wrap(src, () -> KubernetesFeatures.podFeatures(step, zone));
    String fingerprint = f.getString("features.fingerprint");
    if (!spec.schema().fingerprint().equals(fingerprint)) {
      throw new ModelFileException(src + ": the pipeline was made for features with fingerprint " + fingerprint
          + ", but this Aura build's " + set + " features have fingerprint " + spec.schema().fingerprint()
          + " (different feature names or order); retrain the pipeline");
    }
    FeatureSelection selection = wrap(src, () -> FeatureSelection.of(spec.schema(), f.getInts("selection.indices"),
        f.getDoubles("selection.scores"), f.getString("selection.method")));
    List<AnomalyType> classes = new ArrayList<>();
    for (String name : f.getStrings("classes")) {
      try {
        classes.add(AnomalyType.valueOf(name));
      } catch (IllegalArgumentException e) {
        throw new ModelFileException(src + ": unknown anomaly type '" + name + "' in the class list");
      }
    }
    TreeEnsemble ensemble = TreeEnsembleFile.fromBytes(f.getBytes("classifier.ensemble"), src + "#classifier");
    Classifier classifier = wrap(src, () -> Classifier.of(ensemble, classes.size(), "pipeline file",
        f.getInt("classifier.rounds")));
    SeverityScale classifierSeverity = FIXED_CLASSIFIER_SEVERITY;
    if (f.sectionNames().contains("classifier.severity")) {
      double[] cuts = f.getDoubles("classifier.severity");
      if (cuts.length != 4) {
        throw new ModelFileException(src + ": classifier severity has " + cuts.length + " cuts, not 4");
      }
      classifierSeverity = wrap(src, () -> new SeverityScale(cuts[0], cuts[1], cuts[2], cuts[3]));
    }
    SeverityScale severity = classifierSeverity;
    IsolationForest forest;
    try {
      forest = IsolationForest.fromBytes(f.getBytes("forest"));
    } catch (ModelFileException e) {
      throw new ModelFileException(src + "#forest: " + e.getMessage());
    } catch (IOException e) {
      throw new ModelFileException(src + "#forest: " + e);
    }
    WarningSettings warnings = wrap(src, () -> WarningSettings.fromArray(f.getDoubles("warnings")));
    List<String> keys = f.getStrings("provenance.keys");
    List<String> values = f.getStrings("provenance.values");
    if (keys.size() != values.size()) {
      throw new ModelFileException(src + ": " + keys.size() + " provenance keys but " + values.size() + " values");
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
      throw new ModelFileException(src + ": drift reference of " + flat.length + " values is not " + driftCount
          + " rows of " + d + " selected features");
    }
    double[][] driftRows = new double[driftCount][d];
    for (int i = 0; i < driftCount; i++) {
      System.arraycopy(flat, i * d, driftRows[i], 0, d);
    }
    return wrap(src, () -> new DetectionPipeline(step, zone, selection, centers, scales, classes, classifier, severity,
        forest, warnings, provenance, driftRows));
  }

  @FunctionalInterface
  private interface Decode<T> {
    T get() throws ModelFileException;
  }

  private static <T> T wrap(String src, Decode<T> d) throws ModelFileException {
    try {
      return d.get();
    } catch (IllegalArgumentException e) { // includes InvalidDataException
      throw new ModelFileException(src + ": " + e.getMessage());
    }
  }
}
