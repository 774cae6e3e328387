package io.aura.examples;

import io.aura.eval.nab.NabBenchmark;
import io.aura.eval.nab.NabFile;
import io.aura.eval.nab.NabProfile;
import io.aura.eval.nab.NabScorer;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * NAB plots as PNGs (XChart, headless AWT): per file, two charts stacked — the series with the
 * labelled anomaly windows as shaded vertical bands and the detections marked, and below it the
 * detector's NAB anomaly score in [0, 1] with the standard profile's optimized threshold and the
 * end of the probation period.
 *
 * <p>The x axis is days since the file's first row. Detections are the rows after probation whose
 * score reaches the corpus-wide threshold the standard profile's sweep chose — exactly the rows NAB
 * counts as detections. Bands are area series filled down to the axis bottom, which is why the y
 * range is fixed before they are drawn.
 *
 * <p>Thread safety: stateless; each call builds its own charts. Allocation: the charts and an image
 * of 1400 × 700 × 4 bytes per file. Complexity: O(rows) per file.
 */
final class NabPlot {
  private static final int WIDTH = 1400;
  private static final int HEIGHT = 350;
  private static final Color BAND = new Color(253, 208, 162);
  private static final Color DETECTION = new Color(203, 24, 29);

  private NabPlot() {}

  /**
   * Writes one PNG per file of the report: {@code dir/<category>/<name>.png}.
   *
   * @param dir the output folder
   * @param detector the detector's name, for titles
   * @param report the benchmark report (files, scores, per-profile thresholds)
   * @throws IOException if writing fails
   */
  static void writeAll(Path dir, String detector, NabBenchmark.Report report) throws IOException {
    System.setProperty("java.awt.headless", "true");
    double threshold = report.results().get(NabProfile.STANDARD.name()).threshold();
    List<NabFile> files = report.files();
    for (int f = 0; f < files.size(); f++) {
      NabFile file = files.get(f);
      Path png = dir.resolve(file.name().replaceAll("\\.csv$", "") + ".png");
      write(png, detector, file, report.anomalyScores().get(f), threshold);
    }
  }

  /**
   * Writes the plot of one file.
   *
   * @param png the output file
   * @param detector the detector's name
   * @param file the NAB file
   * @param scores its per-row anomaly scores in [0, 1]
   * @param threshold the standard profile's threshold
   * @throws IOException if writing fails
   */
  static void write(Path png, String detector, NabFile file, double[] scores, double threshold)
      throws IOException {
    int n = file.rows();
    long t0 = file.timestamps()[0];
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = (file.timestamps()[i] - t0) / 86_400_000.0;
    }
    int probation = (int) NabScorer.probationLength(n);
    int detections = 0;
    for (int i = probation; i < n; i++) {
      if (scores[i] >= threshold) {
        detections++;
      }
    }
    double[] dx = new double[detections];
    double[] dv = new double[detections];
    double[] ds = new double[detections];
    for (int i = probation, k = 0; i < n; i++) {
      if (scores[i] >= threshold) {
        dx[k] = x[i];
        dv[k] = file.values()[i];
        ds[k++] = scores[i];
      }
    }

    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : file.values()) {
      if (!Double.isNaN(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (!(hi > lo)) {
      hi = lo + 1;
    }
    double pad = 0.05 * (hi - lo);
    XYChart top =
        chart(
            file.name()
                + " — "
                + detector
                + " ("
                + detections
                + " detections at the standard threshold "
                + String.format(java.util.Locale.ROOT, "%.4f", threshold)
                + ")",
            "value");
    top.getStyler().setYAxisMin(lo - pad).setYAxisMax(hi + pad);
    bands(top, file, t0, hi + pad);
    line(top, "value", x, file.values(), new Color(33, 113, 181));
    markers(top, "detection", dx, dv);

    XYChart bottom = chart(null, "anomaly score");
    bottom.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
    bands(bottom, file, t0, 1.0);
    line(bottom, "score", x, scores, new Color(80, 80, 80));
    line(
            bottom,
            "threshold",
            new double[] {x[0], x[n - 1]},
            new double[] {threshold, threshold},
            DETECTION)
        .setLineStyle(
            new BasicStroke(
                1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
    if (probation > 0 && probation < n) {
      line(
          bottom,
          "probation end",
          new double[] {x[probation], x[probation]},
          new double[] {0, 1},
          new Color(49, 163, 84));
    }
    markers(bottom, "detection ", dx, ds);
    bottom.setXAxisTitle("days since " + io.aura.eval.nab.NabCorpus.formatTime(t0));

    BufferedImage image = new BufferedImage(WIDTH, 2 * HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.drawImage(BitmapEncoder.getBufferedImage(top), 0, 0, null);
      g.drawImage(BitmapEncoder.getBufferedImage(bottom), 0, HEIGHT, null);
    } finally {
      g.dispose();
    }
    Path abs = png.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
    try (OutputStream o = Files.newOutputStream(tmp)) {
      if (!ImageIO.write(image, "png", o)) {
        throw new IOException("no PNG writer available for " + png);
      }
    }
    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static XYChart chart(String title, String yTitle) {
    XYChart c =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title == null ? "" : title)
            .yAxisTitle(yTitle)
            .build();
    org.knowm.xchart.style.XYStyler st = c.getStyler();
    st.setPlotBackgroundColor(Color.WHITE);
    st.setChartBackgroundColor(Color.WHITE);
    st.setLegendPosition(Styler.LegendPosition.OutsideE);
    st.setPlotGridLinesColor(new Color(225, 225, 225));
    st.setMarkerSize(7);
    st.setXAxisDecimalPattern("0.#");
    return c;
  }

  private static void bands(XYChart c, NabFile file, long t0, double top) {
    int k = 0;
    for (NabFile.Window w : file.windows()) {
      XYSeries s =
          c.addSeries(
              k == 0 ? "anomaly window" : "window " + k,
              new double[] {(w.start() - t0) / 86_400_000.0, (w.end() - t0) / 86_400_000.0},
              new double[] {top, top});
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
      s.setFillColor(BAND);
      s.setLineColor(BAND);
      s.setMarker(SeriesMarkers.NONE);
      s.setShowInLegend(k == 0);
      k++;
    }
  }

  private static XYSeries line(XYChart c, String name, double[] x, double[] y, Color color) {
    XYSeries s = c.addSeries(name, x, y);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    s.setLineColor(color);
    s.setLineWidth(1f);
    s.setMarker(SeriesMarkers.NONE);
    return s;
  }

  private static void markers(XYChart c, String name, double[] x, double[] y) {
    if (x.length == 0) {
      return;
    }
    XYSeries s = c.addSeries(name, x, y);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    s.setMarker(SeriesMarkers.CIRCLE);
    s.setMarkerColor(DETECTION);
    s.setShowInLegend(name.equals("detection"));
  }
}
