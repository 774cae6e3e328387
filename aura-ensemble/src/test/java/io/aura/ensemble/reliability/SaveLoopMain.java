package io.aura.ensemble.reliability;

import io.aura.ensemble.pipeline.DetectionPipeline;
import io.aura.ensemble.pipeline.PipelineFile;
import io.aura.models.forest.IsolationForest;
import io.aura.models.forest.IsolationForestFile;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Child process of {@link KillDuringSaveTest}: loads two artifacts A and B of one kind from files
 * the parent wrote, saves A once to the target path, prints {@code ready} on standard output (so
 * the parent knows the target holds a complete file), then saves B, A, B, … to the same target in a
 * tight loop until it is killed.
 *
 * <p>Arguments: {@code pipeline|forest fileA fileB target}. A pipeline is saved with {@link
 * PipelineFile#write}, a forest with {@link IsolationForest#save}; both go through {@code
 * ModelFileWriter.writeAtomically}.
 */
public final class SaveLoopMain {
  private SaveLoopMain() {}

  /**
   * Runs the loop; never returns normally.
   *
   * @param args the kind, file A, file B and the target
   * @throws IOException if loading or a save fails (the parent then sees the child gone before the
   *     kill and fails, showing this process's standard error)
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 4) {
      throw new IllegalArgumentException("usage: pipeline|forest fileA fileB target");
    }
    Path target = Path.of(args[3]);
    Saver[] savers = new Saver[2];
    for (int k = 0; k < 2; k++) {
      Path source = Path.of(args[1 + k]);
      switch (args[0]) {
        case "pipeline" -> {
          DetectionPipeline p = PipelineFile.read(source);
          savers[k] = () -> PipelineFile.write(p, target);
        }
        case "forest" -> {
          IsolationForest f = IsolationForestFile.read(source);
          savers[k] = () -> IsolationForestFile.write(f, target);
        }
        default -> throw new IllegalArgumentException("unknown kind " + args[0]);
      }
    }
    savers[0].save();
    System.out.println("ready");
    System.out.flush();
    for (long i = 1; ; i++) {
      savers[(int) (i & 1)].save();
    }
  }

  @FunctionalInterface
  private interface Saver {
    void save() throws IOException;
  }
}
