package io.aura.rightsizing;

import java.util.List;
import java.util.Locale;

/**
 * Prints recommendations as a KRR-like text table or as JSON (one object per recommendation, no
 * external library). CPU in cores, memory in MiB in the table, raw units in JSON.
 *
 * <p>Stateless, thread-safe; O(total size) time and output.
 */
public final class RecommendationReport {
  private RecommendationReport() {}

  private static String amount(Resource r, double v) {
    if (Double.isNaN(v)) {
      return "none";
    }
    if (Double.isInfinite(v)) {
      return "inf";
    }
    return r == Resource.CPU
        ? String.format(Locale.ROOT, "%.3f", v)
        : String.format(Locale.ROOT, "%.0fMi", v / (1024 * 1024));
  }

  /**
   * A text table: container, method (the provenance up to its settings), resource, request, limit (policy), bounds, expected violation rate,
   * confidence, monthly cost (when prices are given) and the first reason.
   *
   * @param recs the recommendations
   * @param prices prices, or null for no cost column
   * @return the table
   */
  public static String table(List<Recommendation> recs, PriceModel prices) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%-28s %-16s %-6s %10s %22s %21s %9s %-6s %10s  %s%n",
        "container", "method", "res", "request", "limit (policy)", "bounds", "viol", "conf", "$/month",
        "reason"));
    for (Recommendation r : recs) {
      String cost = prices == null ? "-" : String.format(Locale.ROOT, "%.2f",
          r.schedule().length > 0 ? prices.monthly(r.resource(), r.schedule())
              : prices.monthly(r.resource(), r.request()));
      String p = r.provenance();
      b.append(String.format(Locale.ROOT, "%-28s %-16s %-6s %10s %22s %21s %9s %-6s %10s  %s%n",
          r.container(), p.indexOf('(') > 0 ? p.substring(0, p.indexOf('(')) : p,
          r.resource().name().toLowerCase(Locale.ROOT),
          amount(r.resource(), r.request()),
          amount(r.resource(), r.limit()) + " (" + r.limitPolicy().name().toLowerCase(Locale.ROOT)
              + ")",
          amount(r.resource(), r.lower()) + ".." + amount(r.resource(), r.upper()),
          Double.isNaN(r.expectedViolationRate()) ? "?" : String.format(Locale.ROOT, "%.4f",
              r.expectedViolationRate()),
          r.confidence().name().toLowerCase(Locale.ROOT), cost,
          r.reasons().isEmpty() ? "" : r.reasons().get(0)));
    }
    return b.toString();
  }

  /**
   * JSON: an array of objects with every field of {@link Recommendation}; NaN and infinities are
   * written as {@code null}.
   *
   * @param recs the recommendations
   * @return the JSON text
   */
  public static String json(List<Recommendation> recs) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < recs.size(); i++) {
      Recommendation r = recs.get(i);
      if (i > 0) {
        b.append(',');
      }
      b.append("\n  {\"container\":").append(str(r.container()))
          .append(",\"resource\":").append(str(r.resource().name().toLowerCase(Locale.ROOT)))
          .append(",\"request\":").append(num(r.request()))
          .append(",\"limit\":").append(num(r.limit()))
          .append(",\"limitPolicy\":").append(str(r.limitPolicy().name()))
          .append(",\"lower\":").append(num(r.lower()))
          .append(",\"upper\":").append(num(r.upper()))
          .append(",\"expectedViolationRate\":").append(num(r.expectedViolationRate()))
          .append(",\"confidence\":").append(str(r.confidence().name()))
          .append(",\"reasons\":[");
      List<String> rs = r.reasons();
      for (int k = 0; k < rs.size(); k++) {
        b.append(k > 0 ? "," : "").append(str(rs.get(k)));
      }
      b.append("],\"schedule\":[");
      double[] s = r.schedule();
      for (int k = 0; k < s.length; k++) {
        b.append(k > 0 ? "," : "").append(num(s[k]));
      }
      b.append("],\"provenance\":").append(str(r.provenance())).append('}');
    }
    return b.append("\n]\n").toString();
  }

  private static String num(double v) {
    return Double.isFinite(v) ? Double.toString(v) : "null";
  }

  private static String str(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
