package io.aura.examples;

import io.aura.eval.rightsizing.RightsizingScore;
import io.aura.eval.rightsizing.RightsizingScore.Point;
import io.aura.eval.rightsizing.RightsizingScore.Tally;
import io.aura.rightsizing.Resource;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Frontier plots (XChart, headless PNG): per resource, each method's pooled allocation against
 * its pooled violation rate over the margin sweep, with its default point marked and the budgets
 * as vertical lines. Stateless; O(methods × factors) per chart.
 */
final class RightsizeChart {
  private RightsizeChart() {}

  static void write(String prefix, Map<String, Tally[][][]> tallies, double[] factors, int def, String period)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    for (Resource r : Resource.values()) {
      double maxRate = r == Resource.CPU ? 0.08 : 0.4;
      XYChart c = new XYChartBuilder().width(900).height(560)
          .title("Bitbrains " + period + ": " + (r == Resource.CPU ? "CPU" : "memory") + " frontier")
          .xAxisTitle(r == Resource.CPU ? "violation rate (5-minute windows above the allocation)"
              : "violation rate (VM-days whose peak exceeds the allocation)")
          .yAxisTitle(r == Resource.CPU ? "allocated core-hours" : "allocated GiB-hours").build();
      c.getStyler().setXAxisMin(0.0).setXAxisMax(maxRate).setMarkerSize(5);
      double ymax = 0;
      for (Map.Entry<String, Tally[][][]> e : tallies.entrySet()) {
        Tally[][] t = e.getValue()[r.ordinal()];
        java.util.List<Double> xs = new java.util.ArrayList<>();
        java.util.List<Double> ys = new java.util.ArrayList<>();
        for (int k = 0; k < factors.length; k++) {
          Point p = RightsizingScore.atFactor(t, k, r);
          if (p.rate() <= maxRate) {
            xs.add(p.rate());
            ys.add(RightsizingScore.hours(r, p.allocation()));
          }
        }
        if (xs.isEmpty()) {
          continue;
        }
        ymax = Math.max(ymax, ys.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        XYSeries s = c.addSeries(e.getKey(), xs, ys);
        s.setMarker(SeriesMarkers.CIRCLE);
        Point d = RightsizingScore.atFactor(t, def, r);
        XYSeries ds = c.addSeries(e.getKey() + " default", new double[] {d.rate()},
            new double[] {RightsizingScore.hours(r, d.allocation())});
        ds.setMarker(SeriesMarkers.DIAMOND);
        ds.setMarkerColor(s.getLineColor());
        ds.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      }
      for (double b : RightsizeCommand.BUDGETS) {
        if (b <= maxRate) {
          XYSeries s = c.addSeries(String.format(Locale.ROOT, "budget %.0f%%", 100 * b),
              new double[] {b, b}, new double[] {0, ymax});
          s.setMarker(SeriesMarkers.NONE);
          s.setLineColor(java.awt.Color.LIGHT_GRAY);
        }
      }
      BitmapEncoder.saveBitmap(c, prefix + "-" + r.name().toLowerCase(Locale.ROOT), BitmapEncoder.BitmapFormat.PNG);
    }
  }
}
