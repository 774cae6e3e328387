package io.aura.ensemble.pipeline;

import io.aura.features.InvalidDataException;
import io.aura.features.anomaly.AnomalyType;
import io.aura.features.anomaly.Severity;
import io.aura.models.persist.ModelFile;
import io.aura.models.persist.ModelFileException;
import io.aura.models.persist.ModelFileWriter;

/** A user's own member (docs/architecture.md): CPU over its limit beyond anything seen in normal training. */
record CpuCeiling(int column, double ceiling) implements PipelineMember {
  static final String KIND = "example.cpu-ceiling";

  static MemberTrainer trainer() {
    return t -> {
      int column = t.context().selection().selectedNames().indexOf("cpu_usage_over_limit");
      if (column < 0) {
        throw new InvalidDataException("cpu_usage_over_limit is not among the selected features");
      }
      double max = Double.NEGATIVE_INFINITY;
      for (double[] row : t.normalRows()) {
        max = Math.max(max, row[column]);
      }
      return new CpuCeiling(column, max);
    };
  }

  @Override public String kind() {
    return KIND;
  }

  @Override public Role role() {
    return Role.DETECTOR;
  }

  @Override public boolean scoresRowOnly() {
    return true;
  }

  @Override public double alarmFloor() {
    return ceiling;
  }

  @Override public void score(FeatureRow row, Object state, MemberVerdict out) {
    double x = row.imputedRow()[column];
    boolean over = x > ceiling;
    out.set(over ? AnomalyType.CPU_THROTTLING : AnomalyType.NORMAL, over ? Severity.MEDIUM : Severity.NONE, x,
        Double.NaN, x);
  }

  @Override public byte[] toBytes() {
    return ModelFileWriter.create(KIND, 1).putInt("column", column).putDouble("ceiling", ceiling).toBytes();
  }

  static PipelineMember read(byte[] section, MemberContext context) throws ModelFileException {
    ModelFile f = ModelFile.fromBytes(section, KIND, KIND, 1);
    return new CpuCeiling(f.getInt("column"), f.getDouble("ceiling"));
  }
}
