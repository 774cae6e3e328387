package io.aura.models.fuzz;

import io.aura.models.forest.IsolationForest;
import io.aura.models.forest.IsolationForestFile;
import io.aura.models.trees.TreeEnsemble;
import io.aura.models.trees.TreeEnsembleFile;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Child process of {@link KillDuringSaveTest}: saves two Isolation Forests alternately to {@code
 * <dir>/forest.aura} and two tree ensembles alternately to {@code <dir>/trees.aura}, forever, until
 * it is killed. It saves each path once, then prints {@code ready} to standard output, so the
 * parent knows both paths hold a complete file before it starts killing.
 */
public final class SaveLoop {
  private SaveLoop() {}

  /**
   * Runs the loop.
   *
   * @param args the directory
   * @throws IOException if a save fails (the parent then sees a non-kill exit)
   */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Path forest = dir.resolve("forest.aura");
    Path trees = dir.resolve("trees.aura");
    IsolationForest[] forests = {
      ReferenceModels.isolationForest(1), ReferenceModels.isolationForest(2)
    };
    TreeEnsemble[] ensembles = {ReferenceModels.catBoost(), ReferenceModels.catBoostHalf()};
    IsolationForestFile.write(forests[0], forest);
    TreeEnsembleFile.write(ensembles[0], trees);
    System.out.println("ready");
    System.out.flush();
    for (long i = 1; ; i++) {
      int k = (int) (i & 1);
      IsolationForestFile.write(forests[k], forest);
      TreeEnsembleFile.write(ensembles[k], trees);
    }
  }
}
