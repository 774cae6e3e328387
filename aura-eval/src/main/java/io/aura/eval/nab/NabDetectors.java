package io.aura.eval.nab;

import io.aura.models.detect.StreamingDetector;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How a NAB run makes one fresh detector per file, typed by what the detector may read first: a
 * {@link Causal} factory takes nothing, so a causal detector cannot see NAB's per-file metadata
 * even by accident; a {@link WithFileInfo} factory takes the file's {@link NabFileInfo} and is
 * accepted only under {@link NabProtocol#NAB}. Implementations are immutable; O(1).
 */
public sealed interface NabDetectors permits NabDetectors.Causal, NabDetectors.WithFileInfo {

  /**
   * A causal factory.
   *
   * @param detectors makes one fresh detector per file
   * @return the factory
   */
  static NabDetectors causal(Supplier<? extends StreamingDetector> detectors) {
    return new Causal(detectors);
  }

  /**
   * A factory reading NAB's per-file metadata (NAB protocol only).
   *
   * @param uses which metadata the detector uses, e.g. {@code "min, max"} (printed with every
   *     figure, for the ablation)
   * @param detectors makes one fresh detector per file from its metadata
   * @return the factory
   */
  static NabDetectors withFileInfo(String uses, Function<NabFileInfo, ? extends StreamingDetector> detectors) {
    return new WithFileInfo(uses, detectors);
  }

  /**
   * Which of NAB's per-file metadata the detectors read.
   *
   * @return {@code "none"} for a causal factory
   */
  String uses();

  /**
   * A factory of causal detectors: nothing but the rows.
   *
   * @param detectors makes one fresh detector per file
   */
  record Causal(Supplier<? extends StreamingDetector> detectors) implements NabDetectors {
    /** Validates the field. */
    public Causal {
      if (detectors == null) {
        throw new IllegalArgumentException("detector supplier is null");
      }
    }

    @Override
    public String uses() {
      return "none";
    }
  }

  /**
   * A factory of detectors that read the file's metadata before the first row.
   *
   * @param uses which metadata they use
   * @param detectors makes one fresh detector per file from its metadata
   */
  record WithFileInfo(String uses, Function<NabFileInfo, ? extends StreamingDetector> detectors)
      implements NabDetectors {
    /** Validates the fields. */
    public WithFileInfo {
      if (uses == null || uses.isBlank() || detectors == null) {
        throw new IllegalArgumentException("a metadata-reading factory needs its 'uses' label and a function");
      }
    }
  }
}
