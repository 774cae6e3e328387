package io.aura.eval.rightsizing;

import io.aura.features.InvalidDataException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * One Bitbrains GWA-T-12 "Rnd" VM (Shen, van Beek &amp; Iosup, "Statistical characterization of
 * business-critical workloads hosted in cloud datacenters", CCGrid 2015) on a 5-minute grid that
 * starts at 00:00 UTC of its first day.
 *
 * <p>Policy for the trace's quirks (docs/rightsizing.md): the first column is Unix seconds; a row
 * goes to slot {@code floor(t / 300)}; several rows in one slot keep the largest value per
 * resource (counted in {@link #duplicateRows()}); slots without a row, the ~1-day gaps between
 * months, memory {@code <= 0} (counted in {@link #memoryMissing()}) and CPU rows whose capacity
 * or core count is not positive (counted in {@link #cpuMissing()}) are NaN = missing. CPU in cores
 * = usage MHz / (capacity MHz / cores); memory in bytes = KB × 1024. Usage above the provisioned
 * capacity is kept (it is what the VM used). Negative CPU usage or an unparsable field throws
 * {@link InvalidDataException} naming the file and line.
 *
 * <p>Immutable after loading (arrays are not exposed); O(rows) time, O(slots) memory.
 */
public final class BitbrainsTrace {
  /** Grid step, ms. */
  public static final long STEP_MILLIS = 300_000L;

  private static final long DAY = 86_400_000L;

  private final String vm;
  private final long start;
  private final double[] cpu;
  private final double[] memory;
  private final int duplicates;
  private final int memoryMissing;
  private final int cpuMissing;

  private BitbrainsTrace(String vm, long start, double[] cpu, double[] memory, int dup, int memMiss,
      int cpuMiss) {
    this.vm = vm;
    this.start = start;
    this.cpu = cpu;
    this.memory = memory;
    this.duplicates = dup;
    this.memoryMissing = memMiss;
    this.cpuMissing = cpuMiss;
  }

  /**
   * The VM names (file names without {@code .csv.gz}) present in every month folder, sorted.
   *
   * @param root the {@code bitbrains} folder
   * @param months month folders, e.g. {@code 2013-7}
   * @return the names
   * @throws IOException if a folder cannot be listed
   */
  public static List<String> vms(Path root, List<String> months) throws IOException {
    TreeSet<String> names = null;
    for (String m : months) {
      TreeSet<String> here = new TreeSet<>();
      Path dir = root.resolve(m);
      if (!Files.isDirectory(dir)) {
        throw new InvalidDataException("bitbrains: no month folder " + dir);
      }
      try (var s = Files.list(dir)) {
        s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv.gz"))
            .forEach(n -> here.add(n.substring(0, n.length() - ".csv.gz".length())));
      }
      if (names == null) {
        names = here;
      } else {
        names.retainAll(here);
      }
    }
    return names == null ? List.of() : new ArrayList<>(names);
  }

  /**
   * Loads one VM over the given months.
   *
   * @param root the {@code bitbrains} folder
   * @param months month folders in time order
   * @param vm the VM name
   * @return the trace
   * @throws IOException if a file cannot be read
   */
  public static BitbrainsTrace load(Path root, List<String> months, String vm) throws IOException {
    List<long[]> times = new ArrayList<>();
    List<double[]> cpus = new ArrayList<>();
    List<double[]> mems = new ArrayList<>();
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    int memMiss = 0;
    int cpuMiss = 0;
    for (String m : months) {
      Path f = root.resolve(m).resolve(vm + ".csv.gz");
      List<Long> t = new ArrayList<>();
      List<Double> c = new ArrayList<>();
      List<Double> me = new ArrayList<>();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(
          new GZIPInputStream(Files.newInputStream(f)), StandardCharsets.UTF_8))) {
        String line = r.readLine();
        int no = 1;
        while ((line = r.readLine()) != null) {
          no++;
          if (line.isBlank()) {
            continue;
          }
          String[] p = line.split(";\\s*");
          if (p.length < 7) {
            throw new InvalidDataException(f + " line " + no + ": " + p.length + " fields, need 7");
          }
          try {
            long ts = Long.parseLong(p[0].trim()) * 1000L;
            double cores = Double.parseDouble(p[1].trim());
            double capMhz = Double.parseDouble(p[2].trim());
            double useMhz = Double.parseDouble(p[3].trim());
            double memKb = Double.parseDouble(p[6].trim());
            if (useMhz < 0 || !Double.isFinite(useMhz)) {
              throw new InvalidDataException(
                  f + " line " + no + ": CPU usage must be finite and >= 0, got " + useMhz);
            }
            double cpuCores = Double.NaN;
            if (capMhz > 0 && cores > 0) {
              cpuCores = useMhz / (capMhz / cores);
            } else {
              cpuMiss++;
            }
            double bytes = Double.NaN;
            if (memKb > 0 && Double.isFinite(memKb)) {
              bytes = memKb * 1024;
            } else {
              memMiss++;
            }
            t.add(ts);
            c.add(cpuCores);
            me.add(bytes);
            min = Math.min(min, ts);
            max = Math.max(max, ts);
          } catch (NumberFormatException e) {
            throw new InvalidDataException(f + " line " + no + ": " + e.getMessage(), e);
          }
        }
      }
      times.add(t.stream().mapToLong(Long::longValue).toArray());
      cpus.add(c.stream().mapToDouble(Double::doubleValue).toArray());
      mems.add(me.stream().mapToDouble(Double::doubleValue).toArray());
    }
    if (min == Long.MAX_VALUE) {
      throw new InvalidDataException("bitbrains: VM " + vm + " has no rows");
    }
    long start = Math.floorDiv(min, DAY) * DAY;
    int slots = (int) ((Math.floorDiv(max, DAY) * DAY + DAY - start) / STEP_MILLIS);
    double[] cpu = new double[slots];
    double[] mem = new double[slots];
    java.util.Arrays.fill(cpu, Double.NaN);
    java.util.Arrays.fill(mem, Double.NaN);
    boolean[] seen = new boolean[slots];
    int dup = 0;
    for (int k = 0; k < times.size(); k++) {
      long[] t = times.get(k);
      for (int i = 0; i < t.length; i++) {
        int s = (int) ((t[i] - start) / STEP_MILLIS);
        if (seen[s]) {
          dup++;
        }
        seen[s] = true;
        cpu[s] = maxNan(cpu[s], cpus.get(k)[i]);
        mem[s] = maxNan(mem[s], mems.get(k)[i]);
      }
    }
    return new BitbrainsTrace(vm, start, cpu, mem, dup, memMiss, cpuMiss);
  }

  private static double maxNan(double a, double b) {
    if (Double.isNaN(a)) {
      return b;
    }
    return Double.isNaN(b) ? a : Math.max(a, b);
  }

  /**
   * Builds a trace from arrays (tests, other sources).
   *
   * @param vm name
   * @param startMillis slot 0, 00:00 UTC
   * @param cpu cores per slot (copied), NaN = missing
   * @param memory bytes per slot (copied), NaN = missing
   * @return the trace
   */
  public static BitbrainsTrace of(String vm, long startMillis, double[] cpu, double[] memory) {
    if (cpu.length != memory.length || startMillis % DAY != 0) {
      throw new IllegalArgumentException("equal lengths and a start at 00:00 UTC required");
    }
    return new BitbrainsTrace(vm, startMillis, cpu.clone(), memory.clone(), 0, 0, 0);
  }

  /**
   * The VM's name.
   *
   * @return the name
   */
  public String vm() {
    return vm;
  }

  /**
   * Time of slot 0 (00:00 UTC), epoch ms.
   *
   * @return the time
   */
  public long startMillis() {
    return start;
  }

  /**
   * Number of 5-minute slots.
   *
   * @return the count
   */
  public int slots() {
    return cpu.length;
  }

  /**
   * CPU usage of a slot, cores (NaN = missing).
   *
   * @param i the slot
   * @return cores
   */
  public double cpu(int i) {
    return cpu[i];
  }

  /**
   * Memory usage of a slot, bytes (NaN = missing).
   *
   * @param i the slot
   * @return bytes
   */
  public double memory(int i) {
    return memory[i];
  }

  /**
   * A copy of the CPU series.
   *
   * @return cores per slot
   */
  public double[] cpuSeries() {
    return cpu.clone();
  }

  /**
   * A copy of the memory series.
   *
   * @return bytes per slot
   */
  public double[] memorySeries() {
    return memory.clone();
  }

  /**
   * Rows that fell into an already filled slot (the largest value was kept).
   *
   * @return the count
   */
  public int duplicateRows() {
    return duplicates;
  }

  /**
   * Rows whose memory was {@code <= 0} (missing).
   *
   * @return the count
   */
  public int memoryMissing() {
    return memoryMissing;
  }

  /**
   * Rows whose CPU capacity or core count was not positive (missing).
   *
   * @return the count
   */
  public int cpuMissing() {
    return cpuMissing;
  }
}
