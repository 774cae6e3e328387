package io.aura.examples;

import io.aura.features.InvalidDataException;
import io.aura.rightsizing.ForecastRecommender;
import io.aura.rightsizing.Guards;
import io.aura.rightsizing.KrrSimple;
import io.aura.rightsizing.LimitPolicy;
import io.aura.rightsizing.PriceModel;
import io.aura.rightsizing.Recommendation;
import io.aura.rightsizing.RecommendationReport;
import io.aura.rightsizing.Resource;
import io.aura.rightsizing.VpaRecommendation;
import io.aura.rightsizing.VpaRecommender;
import io.aura.rightsizing.VpaSettings;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Recommendations for containers from a usage CSV: VPA's, KRR's and the forecast-aware one per
 * container and resource, as a KRR-like table and optionally JSON (docs/rightsizing.md).
 */
@Command(
    name = "recommend",
    mixinStandardHelpOptions = true,
    description = "Right-sizing recommendations (VPA, KRR, forecast) from a CSV of"
        + " 'epoch_seconds,container,cpu_cores,memory_bytes' rows; prints a table, --json writes JSON.")
final class RecommendCommand implements Callable<Integer> {
  @Option(names = "--csv", required = true, description = "Usage CSV with a header; empty cpu/memory = missing.")
  Path csv;

  @Option(names = "--step", defaultValue = "300", description = "Sample step in seconds, dividing 3600 (default: ${DEFAULT-VALUE}).")
  int step;

  @Option(names = "--prices", split = ",", description = "Dollars per core-hour and per GiB-hour, e.g. 0.031,0.0042.")
  double[] prices;

  @Option(names = "--json", description = "Also write the recommendations as JSON to FILE.")
  Path json;

  @Override
  public Integer call() throws Exception {
    if (step < 1 || 3600 % step != 0) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "--step must divide 3600, got " + step);
    }
    Map<String, List<double[]>> rows = new LinkedHashMap<>();
    try (BufferedReader r = Files.newBufferedReader(csv)) {
      String line = r.readLine();
      int no = 1;
      while ((line = r.readLine()) != null) {
        no++;
        if (line.isBlank()) {
          continue;
        }
        String[] p = line.split(",", -1);
        if (p.length != 4) {
          throw new InvalidDataException(csv + ":" + no + ": " + p.length + " fields, need 4");
        }
        try {
          double t = Long.parseLong(p[0].trim());
          double c = p[2].isBlank() ? Double.NaN : Double.parseDouble(p[2].trim());
          double m = p[3].isBlank() ? Double.NaN : Double.parseDouble(p[3].trim());
          rows.computeIfAbsent(p[1].trim(), k -> new ArrayList<>()).add(new double[] {t, c, m, no});
        } catch (NumberFormatException e) {
          throw new InvalidDataException(csv + ":" + no + ": not a number: " + e.getMessage(), e);
        }
      }
    }
    if (rows.isEmpty()) {
      throw new InvalidDataException(csv + ": no rows");
    }
    int perHour = 3600 / step;
    ForecastRecommender fr = ForecastRecommender.builder().build();
    List<Recommendation> out = new ArrayList<>();
    for (Map.Entry<String, List<double[]>> e : rows.entrySet()) {
      String name = e.getKey();
      List<double[]> rs = e.getValue();
      long first = (long) rs.get(0)[0] / 3600 * 3600;
      long last = (long) rs.get(rs.size() - 1)[0];
      int slots = (int) ((last - first) / step + 1);
      slots = (slots + perHour - 1) / perHour * perHour; // the last hour is padded with missing samples
      double[] cpu = new double[slots];
      double[] mem = new double[slots];
      Arrays.fill(cpu, Double.NaN);
      Arrays.fill(mem, Double.NaN);
      VpaRecommender vpa = new VpaRecommender(VpaSettings.defaults(), name);
      long prev = Long.MIN_VALUE;
      for (double[] x : rs) {
        long t = (long) x[0];
        if (t <= prev) {
          throw new InvalidDataException(csv + ":" + (int) x[3] + ": container " + name
              + ": time " + t + " not after the previous row's " + prev);
        }
        if (x[2] <= 0) {
          throw new InvalidDataException(csv + ":" + (int) x[3] + ": container " + name
              + ": memory " + x[2] + " <= 0 (leave it empty when missing)");
        }
        prev = t;
        int s = (int) ((t - first) / step);
        cpu[s] = x[1];
        mem[s] = x[2];
        vpa.addCpu(t * 1000, x[1]);
        vpa.addMemory(t * 1000, x[2]);
      }
      VpaRecommendation v = vpa.recommend();
      String vp = VpaSettings.defaults().describe();
      List<String> vr = List.of(String.format(java.util.Locale.ROOT, "confidence %.2f d of history",
          v.confidenceDays()));
      io.aura.rightsizing.Confidence vc = v.confidenceDays() >= 7 ? io.aura.rightsizing.Confidence.MEDIUM
          : io.aura.rightsizing.Confidence.LOW;
      out.add(new Recommendation(name, Resource.CPU, v.cpuTarget(), Double.NaN, LimitPolicy.PROPORTIONAL_TO_REQUEST,
          v.cpuLower(), v.cpuUpper(), Double.NaN, vc, vr, new double[0], vp));
      out.add(new Recommendation(name, Resource.MEMORY, v.memoryTarget(), Double.NaN,
          LimitPolicy.PROPORTIONAL_TO_REQUEST, v.memoryLower(), v.memoryUpper(), Double.NaN, vc, vr, new double[0], vp));
      int from = Math.max(0, slots - 14 * 24 * perHour);
      KrrSimple krr = KrrSimple.defaults();
      double kc = krr.cpuRequest(Arrays.copyOfRange(cpu, from, slots));
      double km = krr.memoryRequest(Arrays.copyOfRange(mem, from, slots));
      out.add(new Recommendation(name, Resource.CPU, kc, Double.NaN, LimitPolicy.NONE, kc, Double.POSITIVE_INFINITY,
          Double.NaN, vc, List.of("last 14 days"), new double[0], krr.describe()));
      out.add(new Recommendation(name, Resource.MEMORY, km, km, LimitPolicy.EQUAL_TO_REQUEST, km,
          Double.POSITIVE_INFINITY, Double.NaN, vc, List.of("last 14 days"), new double[0], krr.describe()));
      out.add(fr.recommend(name, Resource.CPU, cpu, perHour, 168, Guards.of(v)));
      out.add(fr.recommend(name, Resource.MEMORY, mem, perHour, 168, Guards.of(v)));
    }
    if (prices != null && prices.length != 2) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "--prices takes two numbers: $ per core-hour and $ per GiB-hour");
    }
    PriceModel pm = prices == null ? null : new PriceModel(prices[0], prices[1]);
    System.out.print(RecommendationReport.table(out, pm));
    if (json != null) {
      Files.writeString(json, RecommendationReport.json(out));
    }
    return 0;
  }
}
