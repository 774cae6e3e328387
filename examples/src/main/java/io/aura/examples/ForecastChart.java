package io.aura.examples;

import io.aura.forecast.Forecast;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A forecast chart as a PNG (XChart, headless AWT): history, point forecast, the prediction
 * interval as a shaded band, the actual values after the forecast origin when known, the threshold
 * and its predicted crossing, and optionally the time the incident really happened.
 *
 * <p>The x axis is hours from the forecast origin (negative = history). The band is drawn as the
 * upper bound filled in light blue with the lower bound filled in white over it, so it must be
 * added before the lines (XChart has no band series); the plot background is white for that reason.
 *
 * <p>Thread safety: stateless; each call builds its own chart. Allocation: the chart and the image
 * (width × height × 4 bytes). Complexity: O(points).
 */
final class ForecastChart {
  private ForecastChart() {}

  /**
   * What to draw.
   *
   * @param title the chart title
   * @param yTitle the y-axis title
   * @param stepHours hours between samples
   * @param history values up to and including the origin, oldest first
   * @param forecast the forecast from the origin (step 0 is one step after it)
   * @param level the interval level to shade (one of the forecast's levels)
   * @param actual values after the origin (may be shorter than the horizon; NaN = missing), or null
   * @param threshold the threshold, or NaN for none
   * @param crossingHours predicted crossing, hours after the origin, or NaN for none
   * @param incidentHours when the incident really started, hours after the origin, or NaN
   * @param incidentLabel legend text for the incident line
   */
  record Spec(
      String title,
      String yTitle,
      double stepHours,
      double[] history,
      Forecast forecast,
      double level,
      double[] actual,
      double threshold,
      double crossingHours,
      double incidentHours,
      String incidentLabel) {}

  /**
   * Builds the chart.
   *
   * @param s what to draw
   * @return the chart, 900 × 450
   */
  static XYChart chart(Spec s) {
    XYChart c =
        new XYChartBuilder()
            .width(900)
            .height(450)
            .title(s.title())
            .xAxisTitle("hours from forecast origin")
            .yAxisTitle(s.yTitle())
            .build();
    org.knowm.xchart.style.XYStyler st = c.getStyler();
    st.setPlotBackgroundColor(Color.WHITE);
    st.setChartBackgroundColor(Color.WHITE);
    st.setLegendPosition(Styler.LegendPosition.InsideNW);
    st.setPlotGridLinesColor(new Color(225, 225, 225));
    st.setAntiAlias(true);
    c.getStyler().setMarkerSize(6);
    int h = s.forecast().horizon();
    int k = s.forecast().indexOf(s.level());
    double[] fx = new double[h + 1];
    double[] mean = new double[h + 1];
    double[] lo = new double[h + 1];
    double[] hi = new double[h + 1];
    double last = s.history()[s.history().length - 1];
    fx[0] = 0;
    mean[0] = last;
    lo[0] = last;
    hi[0] = last;
    for (int i = 0; i < h; i++) {
      fx[i + 1] = (i + 1) * s.stepHours();
      mean[i + 1] = s.forecast().mean(i);
      lo[i + 1] = s.forecast().lower(k, i);
      hi[i + 1] = s.forecast().upper(k, i);
    }
    String band = String.format(java.util.Locale.ROOT, "%.0f%% interval", 100 * s.level());
    XYSeries up = c.addSeries(band, fx, hi);
    up.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
    up.setFillColor(new Color(198, 219, 239));
    up.setLineColor(new Color(158, 202, 225));
    up.setMarker(SeriesMarkers.NONE);
    XYSeries down = c.addSeries(" ", fx, lo);
    down.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
    down.setFillColor(Color.WHITE);
    down.setLineColor(new Color(158, 202, 225));
    down.setMarker(SeriesMarkers.NONE);
    down.setShowInLegend(false);
    int n = s.history().length;
    double[] hx = new double[n];
    for (int i = 0; i < n; i++) {
      hx[i] = -(n - 1 - i) * s.stepHours();
    }
    line(c, "history", hx, s.history(), Color.BLACK, false);
    if (s.actual() != null && s.actual().length > 0) {
      double[] ax = new double[s.actual().length];
      for (int i = 0; i < ax.length; i++) {
        ax[i] = (i + 1) * s.stepHours();
      }
      int m = 0;
      for (double v : s.actual()) {
        if (!Double.isNaN(v)) {
          m++;
        }
      }
      double[] x2 = new double[m];
      double[] y2 = new double[m];
      for (int i = 0, j = 0; i < ax.length; i++) {
        if (!Double.isNaN(s.actual()[i])) {
          x2[j] = ax[i];
          y2[j++] = s.actual()[i];
        }
      }
      if (m > 0) {
        line(c, "actual", x2, y2, new Color(120, 120, 120), true);
      }
    }
    line(c, "forecast", fx, mean, new Color(8, 81, 156), false);
    double xmin = hx[0];
    double xmax = fx[h];
    if (!Double.isNaN(s.threshold())) {
      line(
          c,
          String.format(java.util.Locale.ROOT, "threshold %.3g", s.threshold()),
          new double[] {xmin, xmax},
          new double[] {s.threshold(), s.threshold()},
          new Color(203, 24, 29),
          true);
    }
    double ymin = Math.min(min(s.history()), min(lo));
    if (!Double.isNaN(s.crossingHours()) && !Double.isNaN(s.threshold())) {
      XYSeries x =
          c.addSeries(
              String.format(
                  java.util.Locale.ROOT, "predicted crossing (+%.1f h)", s.crossingHours()),
              new double[] {s.crossingHours(), s.crossingHours()},
              new double[] {ymin, s.threshold()});
      x.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      x.setLineColor(new Color(203, 24, 29));
      x.setLineStyle(new BasicStroke(2f));
      x.setMarker(SeriesMarkers.DIAMOND);
      x.setMarkerColor(new Color(203, 24, 29));
    }
    if (!Double.isNaN(s.incidentHours())) {
      XYSeries x =
          c.addSeries(
              String.format(
                  java.util.Locale.ROOT, "%s (+%.1f h)", s.incidentLabel(), s.incidentHours()),
              new double[] {s.incidentHours(), s.incidentHours()},
              new double[] {ymin, Double.isNaN(s.threshold()) ? max(hi) : s.threshold()});
      x.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      x.setLineColor(new Color(230, 120, 0));
      x.setLineStyle(
          new BasicStroke(
              2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
      x.setMarker(SeriesMarkers.NONE);
    }
    return c;
  }

  /**
   * Writes the chart as a PNG, atomically (temporary file, then move).
   *
   * @param s what to draw
   * @param png the file
   * @throws IOException when writing fails
   */
  static void write(Spec s, Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    XYChart c = chart(s);
    Path abs = png.toAbsolutePath();
    if (abs.getParent() != null) {
      Files.createDirectories(abs.getParent());
    }
    Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
    try (OutputStream o = Files.newOutputStream(tmp)) {
      BitmapEncoder.saveBitmap(c, o, BitmapEncoder.BitmapFormat.PNG);
    }
    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void line(
      XYChart c, String name, double[] x, double[] y, Color color, boolean dashed) {
    XYSeries s = c.addSeries(name, x, y);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    s.setLineColor(color);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineStyle(
        dashed
            ? new BasicStroke(
                1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)
            : new BasicStroke(1.8f));
  }

  private static double min(double[] a) {
    return Arrays.stream(a).filter(v -> !Double.isNaN(v)).min().orElse(0);
  }

  private static double max(double[] a) {
    return Arrays.stream(a).filter(v -> !Double.isNaN(v)).max().orElse(1);
  }
}
