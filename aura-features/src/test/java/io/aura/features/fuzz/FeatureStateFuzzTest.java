package io.aura.features.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.aura.features.FeatureSpec;
import io.aura.features.FeatureStream;
import io.aura.features.InvalidDataException;
import io.aura.features.KubernetesFeatures;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Coverage-guided fuzz test (Jazzer) of the feature-stream state decoder.
 *
 * <p>Contract for every input: {@link FeatureSpec#resumeStream} returns a stream or throws an
 * {@link InvalidDataException}; anything else escaping is a finding. A stream that resumes must
 * also take a sample (any {@code InvalidDataException} it raises, for example a timestamp before
 * the restored one, is fine) and snapshot again. Every input is tried twice: as given, and with its
 * last four bytes replaced by the right CRC-32C, so the fuzzer reaches the fields behind the
 * checksum. Corpus: {@code src/test/resources/io/aura/features/fuzz/FeatureStateFuzzTestInputs/}.
 */
class FeatureStateFuzzTest {
  private static final FeatureSpec POD = KubernetesFeatures.podFeatures(Duration.ofMinutes(1));
  private static final double[] ROW = new double[POD.inputNames().size()];

  @FuzzTest
  void featureStream(byte[] data) {
    resume(data);
    if (data.length >= 4) {
      byte[] fixed = Arrays.copyOf(data, data.length);
      CRC32C crc = new CRC32C();
      crc.update(fixed, 0, fixed.length - 4);
      ByteBuffer.wrap(fixed, fixed.length - 4, 4).putInt((int) crc.getValue());
      resume(fixed);
    }
  }

  private static void resume(byte[] data) {
    FeatureStream s;
    try {
      s = POD.resumeStream(data, "fuzz");
    } catch (InvalidDataException expected) {
      return;
    }
    long next = s.lastTimestamp() == Long.MIN_VALUE ? 0 : s.lastTimestamp() + 60_000;
    try {
      s.update(next, ROW);
    } catch (InvalidDataException fine) {
      // e.g. the restored last timestamp is at the end of time
    }
    s.snapshot();
  }
}
