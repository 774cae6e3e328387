package io.aura.io.prometheus;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.aura.features.InvalidDataException;
import io.aura.features.Labels;
import io.aura.features.TimeSeries;
import io.aura.io.exposition.SampleValues;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of the Prometheus HTTP API ({@code /api/v1/query}, {@code /api/v1/query_range}, {@code
 * /api/v1/series}, {@code /api/v1/labels}, {@code /api/v1/label/NAME/values}) that returns Aura
 * {@link TimeSeries} with their labels. Works with Prometheus and with servers that speak its API
 * (Thanos, Mimir, VictoriaMetrics).
 *
 * <pre>{@code
 * PrometheusClient prom = PrometheusClient.builder("https://prometheus.monitoring:9090")
 *     .bearerTokenFile(Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token"))
 *     .caCertificate(Path.of("/var/run/secrets/kubernetes.io/serviceaccount/ca.crt"))
 *     .build();
 * QueryResult r = prom.queryRange("container_memory_working_set_bytes{namespace=\"shop\"}",
 *     Instant.now().minus(Duration.ofDays(7)), Instant.now(), Duration.ofSeconds(30));
 * Frame f = r.toFrame();
 * }</pre>
 *
 * <p><b>Long ranges.</b> Prometheus refuses a range query with more than 11,000 points per series.
 * {@link #queryRange} splits the range into consecutive chunks of at most {@link
 * Builder#maxPointsPerRequest} evaluation times ({@code start + k·step}); the chunks' time grids
 * are disjoint and together are exactly the requested grid, so stitching loses and duplicates
 * nothing. Stitching checks that every sample lies inside its chunk and after the previous one of
 * its series, and fails otherwise.
 *
 * <p><b>Values.</b> {@code "NaN"}, {@code "+Inf"} and {@code "-Inf"} are parsed to the matching
 * doubles. Timestamps are rounded to the millisecond.
 *
 * <p><b>Failures and retries.</b> A connection failure (including a connect timeout, a body cut
 * short and a body that stalls for longer than {@link Builder#readTimeout}), HTTP 429 and any 5xx
 * are retried up to {@link Builder#maxRetries} times with exponential backoff and "equal jitter"
 * (M. Brooker, "Exponential Backoff And Jitter", AWS Architecture Blog, 2015): attempt {@code n}
 * waits {@code c/2 + random(0, c/2)} with {@code c = min(maxBackoff, initialBackoff·2^n)}, and at
 * least what a {@code Retry-After} header asks (a request asking for more than {@link
 * Builder#maxRetryAfter} fails at once). Other 4xx answers, a request timeout and a malformed
 * answer are not retried. Every failure is a {@link PrometheusException} naming the endpoint and
 * the query, with Prometheus's {@code errorType} and {@code error}. Prometheus's {@code warnings}
 * are returned in the result, and logged at WARN.
 *
 * <p><b>Security.</b> TLS certificate and host-name verification are on unless {@link
 * Builder#insecureSkipTlsVerify()} is called. Credentials (bearer token, token file, basic auth)
 * only ever go into the {@code Authorization} header: they are not logged, not part of any
 * exception message (server text quoted in a message has them masked), and not in {@link
 * #toString()}.
 *
 * <p><b>Memory.</b> Answers are read with Jackson's streaming parser straight into growable
 * primitive arrays, never a JSON tree or a String per sample. The result holds 16 bytes per sample;
 * while a range query is being stitched, growth slack and the current chunk's arrays can bring the
 * peak to about three times that. Answers are requested gzip-compressed.
 *
 * <p>Thread safety: immutable and thread-safe; share one instance. Complexity: O(samples) per call
 * plus network time.
 */
public final class PrometheusClient {
  /** Default bound on one answer's decoded size: 512 MiB. */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 512L << 20;

  /** Default bound on the series of one answer. */
  public static final int DEFAULT_MAX_SERIES = 100_000;

  /** Prometheus's limit on the points of one series in one range query. */
  public static final int PROMETHEUS_MAX_POINTS = 11_000;

  private static final Logger LOG = LoggerFactory.getLogger(PrometheusClient.class);
  private static final int MAX_QUOTED = 300;

  private final URI base;
  private final HttpClient http;
  private final Credentials credentials;
  private final String tlsDescription;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final Duration readTimeout;
  private final int maxRetries;
  private final long maxResponseBytes;
  private final int maxSeries;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration maxRetryAfter;
  private final int maxPointsPerRequest;
  private final Map<String, String> headers;
  private final Sleeper sleeper;

  private PrometheusClient(Builder b, HttpClient http, String tlsDescription) {
    this.base = b.base;
    this.http = http;
    this.credentials = b.credentials;
    this.tlsDescription = tlsDescription;
    this.connectTimeout = b.connectTimeout;
    this.requestTimeout = b.requestTimeout;
    this.readTimeout = b.readTimeout == null ? b.requestTimeout : b.readTimeout;
    this.maxRetries = b.maxRetries;
    this.maxResponseBytes = b.maxResponseBytes;
    this.maxSeries = b.maxSeries;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.maxRetryAfter = b.maxRetryAfter;
    this.maxPointsPerRequest = b.maxPointsPerRequest;
    this.headers = Map.copyOf(b.headers);
    this.sleeper = b.sleeper;
  }

  /**
   * A builder for a server.
   *
   * @param baseUrl for example {@code http://127.0.0.1:9090} or {@code https://host/prometheus};
   *     without user info (use {@link Builder#basicAuth}), query or fragment
   * @return the builder
   */
  public static Builder builder(String baseUrl) {
    return new Builder(baseUrl);
  }

  // ------------------------------------------------------------------------------------ queries

  /**
   * An instant query at the server's current time.
   *
   * @param promql the PromQL expression
   * @return the result
   * @throws PrometheusException when the call fails
   */
  public QueryResult query(String promql) {
    return query(promql, null);
  }

  /**
   * An instant query ({@code /api/v1/query}).
   *
   * @param promql the PromQL expression
   * @param time the evaluation time, or {@code null} for the server's now
   * @return the result: a vector, a matrix (for a range selector), or a scalar as one unlabelled
   *     series
   * @throws PrometheusException when the call fails or the result is a string
   */
  public QueryResult query(String promql, Instant time) {
    requireQuery(promql);
    List<String[]> form = new ArrayList<>();
    form.add(new String[] {"query", promql});
    if (time != null) {
      form.add(new String[] {"time", seconds(time.toEpochMilli())});
    }
    String endpoint = "/api/v1/query";
    ResponseParser rp = call(endpoint, promql, form, "");
    if (rp.resultType == ResultType.STRING) {
      throw new PrometheusException(
          endpoint,
          promql,
          200,
          null,
          endpoint + " '" + quote(promql) + "' returned a string, which Aura does not read",
          null);
    }
    List<TimeSeries> series = new ArrayList<>(rp.series.size());
    for (ResponseParser.SeriesData s : rp.series) {
      series.add(toSeries(endpoint, promql, s.name, s.labels, s.timestamps(), s.values()));
    }
    checkUnique(endpoint, promql, series);
    logWarnings(endpoint, promql, rp.warnings);
    return new QueryResult(promql, rp.resultType, series, rp.warnings, null, null, null);
  }

  /**
   * A range query ({@code /api/v1/query_range}) evaluated at {@code start, start + step, ...} up to
   * {@code end}, split into chunks of at most {@link Builder#maxPointsPerRequest} points and
   * stitched (see the class comment).
   *
   * @param promql the PromQL expression
   * @param start the first evaluation time (millisecond precision)
   * @param end the last possible evaluation time, not before {@code start}
   * @param step the step, a positive whole number of milliseconds
   * @return the result, of type {@link ResultType#MATRIX}; {@link QueryResult#toFrame()} gives the
   *     grid as a frame
   * @throws PrometheusException when a call fails or the chunks do not stitch
   * @throws IllegalArgumentException on an empty query, {@code end} before {@code start}, or a bad
   *     step
   */
  public QueryResult queryRange(String promql, Instant start, Instant end, Duration step) {
    requireQuery(promql);
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(step, "step");
    long s = start.toEpochMilli();
    long e = end.toEpochMilli();
    if (e < s) {
      throw new IllegalArgumentException(
          "range query '" + quote(promql) + "': end " + end + " is before start " + start);
    }
    if (step.isNegative() || step.isZero() || step.toNanos() % 1_000_000 != 0) {
      throw new IllegalArgumentException(
          "range query '"
              + quote(promql)
              + "': step must be a positive whole number of milliseconds, got "
              + step);
    }
    long st = step.toMillis();
    long points = (e - s) / st + 1;
    long chunks = (points + maxPointsPerRequest - 1) / maxPointsPerRequest;
    String endpoint = "/api/v1/query_range";
    Map<String, ResponseParser.SeriesData> merged = new LinkedHashMap<>();
    LinkedHashSet<String> warnings = new LinkedHashSet<>();
    for (long k = 0; k < chunks; k++) {
      long cs = s + k * maxPointsPerRequest * st;
      long ce = Math.min(e, cs + (long) (maxPointsPerRequest - 1) * st);
      List<String[]> form = new ArrayList<>();
      form.add(new String[] {"query", promql});
      form.add(new String[] {"start", seconds(cs)});
      form.add(new String[] {"end", seconds(ce)});
      form.add(new String[] {"step", seconds(st)});
      String chunkNote =
          chunks == 1
              ? ""
              : " (chunk "
                  + (k + 1)
                  + " of "
                  + chunks
                  + ", "
                  + Instant.ofEpochMilli(cs)
                  + " to "
                  + Instant.ofEpochMilli(ce)
                  + ")";
      ResponseParser rp = call(endpoint, promql, form, chunkNote);
      if (rp.resultType != ResultType.MATRIX) {
        throw badRangeAnswer(
            endpoint,
            promql,
            chunkNote,
            " returned resultType " + rp.resultType + ", expected MATRIX");
      }
      warnings.addAll(rp.warnings);
      for (ResponseParser.SeriesData d : rp.series) {
        String key = d.name + d.labels;
        ResponseParser.SeriesData acc = merged.get(key);
        if (acc == null) {
          acc = new ResponseParser.SeriesData(d.name, d.labels);
          merged.put(key, acc);
        } else if (acc.size > 0 && acc.ts[acc.size - 1] >= cs && d.size > 0) {
          throw badRangeAnswer(
              endpoint, promql, chunkNote, " returned series " + key + " twice in one answer");
        }
        for (int i = 0; i < d.size; i++) {
          long t = d.ts[i];
          if (t < cs || t > ce) {
            throw badRangeAnswer(
                endpoint,
                promql,
                chunkNote,
                ": series "
                    + key
                    + " has a sample at "
                    + Instant.ofEpochMilli(t)
                    + ", outside the requested range");
          }
          if (acc.size > 0 && t <= acc.ts[acc.size - 1]) {
            throw badRangeAnswer(
                endpoint,
                promql,
                chunkNote,
                ": series "
                    + key
                    + " has a sample at "
                    + Instant.ofEpochMilli(t)
                    + " that is not after the previous one at "
                    + Instant.ofEpochMilli(acc.ts[acc.size - 1])
                    + " (out of order or duplicated)");
          }
          acc.add(t, d.vs[i]);
        }
      }
    }
    List<TimeSeries> series = new ArrayList<>(merged.size());
    for (ResponseParser.SeriesData d : merged.values()) {
      series.add(toSeries(endpoint, promql, d.name, d.labels, d.timestamps(), d.values()));
    }
    List<String> w = new ArrayList<>(warnings);
    logWarnings(endpoint, promql, w);
    return new QueryResult(promql, ResultType.MATRIX, series, w, start, end, step);
  }

  /** A range answer that breaks the API's contract (answered 200, so never retried). */
  private static PrometheusException badRangeAnswer(
      String endpoint, String promql, String chunkNote, String what) {
    return new PrometheusException(
        endpoint,
        promql,
        200,
        null,
        endpoint + " '" + quote(promql) + "'" + chunkNote + what,
        null);
  }

  /**
   * The label sets of the series matching any of the selectors ({@code /api/v1/series}). Each label
   * set includes {@code __name__}.
   *
   * @param matchers series selectors, for example {@code up{job="node"}}; at least one
   * @param start the start of the time range, or {@code null} for the server's default
   * @param end the end of the time range, or {@code null}
   * @return the label sets and warnings
   * @throws PrometheusException when the call fails
   */
  public PrometheusResult<List<Labels>> series(
      Collection<String> matchers, Instant start, Instant end) {
    Objects.requireNonNull(matchers, "matchers");
    if (matchers.isEmpty()) {
      throw new IllegalArgumentException("/api/v1/series needs at least one matcher");
    }
    List<String[]> form = new ArrayList<>();
    for (String m : matchers) {
      form.add(new String[] {"match[]", Objects.requireNonNull(m, "matcher")});
    }
    range(form, start, end);
    String endpoint = "/api/v1/series";
    String q = String.join(", ", matchers);
    ResponseParser rp = call(endpoint, q, form, "");
    if (!rp.strings.isEmpty()) {
      throw new PrometheusException(
          endpoint,
          q,
          200,
          null,
          endpoint + " '" + quote(q) + "' returned strings, expected label sets",
          null);
    }
    logWarnings(endpoint, q, rp.warnings);
    return new PrometheusResult<>(List.copyOf(rp.labelSets), rp.warnings);
  }

  /**
   * The label names ({@code /api/v1/labels}), optionally restricted to series matching selectors.
   *
   * @param matchers series selectors, possibly empty
   * @param start the start of the time range, or {@code null}
   * @param end the end of the time range, or {@code null}
   * @return the names, sorted as Prometheus returns them, and warnings
   * @throws PrometheusException when the call fails
   */
  public PrometheusResult<List<String>> labelNames(
      Collection<String> matchers, Instant start, Instant end) {
    Objects.requireNonNull(matchers, "matchers");
    List<String[]> form = new ArrayList<>();
    for (String m : matchers) {
      form.add(new String[] {"match[]", Objects.requireNonNull(m, "matcher")});
    }
    range(form, start, end);
    String endpoint = "/api/v1/labels";
    String q = String.join(", ", matchers);
    ResponseParser rp = call(endpoint, q, form, "");
    if (!rp.labelSets.isEmpty()) {
      throw new PrometheusException(
          endpoint, q, 200, null, endpoint + " returned objects, expected names", null);
    }
    logWarnings(endpoint, q, rp.warnings);
    return new PrometheusResult<>(List.copyOf(rp.strings), rp.warnings);
  }

  /**
   * The values of one label ({@code GET /api/v1/label/NAME/values}).
   *
   * @param labelName the label name, for example {@code namespace}
   * @param matchers series selectors, possibly empty
   * @return the values and warnings
   * @throws PrometheusException when the call fails
   */
  public PrometheusResult<List<String>> labelValues(String labelName, Collection<String> matchers) {
    Labels.of(Objects.requireNonNull(labelName, "labelName"), ""); // validates the name
    List<String[]> form = new ArrayList<>();
    for (String m : matchers) {
      form.add(new String[] {"match[]", Objects.requireNonNull(m, "matcher")});
    }
    String endpoint = "/api/v1/label/" + labelName + "/values";
    String q = String.join(", ", matchers);
    ResponseParser rp = call(endpoint, q, form, "", true);
    logWarnings(endpoint, q, rp.warnings);
    return new PrometheusResult<>(List.copyOf(rp.strings), rp.warnings);
  }

  // ------------------------------------------------------------------------------------ HTTP
  // call() is the retry policy; request() and exchange() the transport of one attempt;
  // parseAnswer() the reading and checking of a 200 answer.

  private ResponseParser call(String endpoint, String query, List<String[]> form, String note) {
    return call(endpoint, query, form, note, false);
  }

  /**
   * Sends the request, retrying connection errors, stalled answers, 429 and 5xx with jittered
   * exponential backoff (at least what {@code Retry-After} asks), at most {@code maxRetries} times.
   * Credentials are read again before every attempt, so a rotated token file is picked up.
   */
  private ResponseParser call(
      String endpoint, String query, List<String[]> form, String note, boolean get) {
    String body = encode(form);
    String what = endpoint + (query.isEmpty() ? "" : " '" + quote(query) + "'") + note;
    String authorization = null;
    String[] secrets = new String[0];
    for (int attempt = 0; ; attempt++) {
      if (credentials != null) {
        try {
          authorization = credentials.authorization();
          secrets = credentials.secrets();
        } catch (IOException e) {
          throw new PrometheusException(
              endpoint,
              query,
              0,
              null,
              what + " failed: cannot read credentials (" + credentials + "): " + e.getMessage(),
              null);
        }
      }
      LOG.debug("{} attempt {}", what, attempt + 1);
      try {
        return exchange(
            request(endpoint, body, get, authorization), endpoint, query, what, secrets);
      } catch (RetryableFailure f) {
        waitToRetry(f, attempt, endpoint, query, what);
      }
    }
  }

  /** Fails with the attempt's failure if no retry is left or allowed, else sleeps the backoff. */
  private void waitToRetry(
      RetryableFailure f, int attempt, String endpoint, String query, String what) {
    if (attempt >= maxRetries) {
      throw new PrometheusException(
          endpoint,
          query,
          f.status,
          f.errorType,
          what
              + " failed after "
              + (attempt + 1)
              + " attempt"
              + (attempt == 0 ? "" : "s")
              + ": "
              + f.failure,
          f.getCause());
    }
    long delay = backoffMillis(attempt);
    if (f.retryAfterMillis >= 0) {
      if (f.retryAfterMillis > maxRetryAfter.toMillis()) {
        throw new PrometheusException(
            endpoint,
            query,
            f.status,
            f.errorType,
            what
                + " failed: "
                + f.failure
                + "; the server asks to retry after "
                + f.retryAfterMillis
                + " ms, longer than maxRetryAfter "
                + maxRetryAfter,
            f.getCause());
      }
      delay = Math.max(delay, f.retryAfterMillis);
    }
    LOG.warn(
        "{} failed ({}); retry {} of {} in {} ms", what, f.failure, attempt + 1, maxRetries, delay);
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PrometheusException(
          endpoint,
          query,
          f.status,
          f.errorType,
          what + " was interrupted while waiting to retry",
          e);
    }
  }

  /** One attempt's request: a form POST, or a GET with the form as its query string. */
  private HttpRequest request(String endpoint, String body, boolean get, String authorization) {
    HttpRequest.Builder rb =
        get
            ? HttpRequest.newBuilder(
                    URI.create(base + endpoint + (body.isEmpty() ? "" : "?" + body)))
                .GET()
            : HttpRequest.newBuilder(URI.create(base + endpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    rb.timeout(requestTimeout)
        .header("Accept", "application/json")
        .header("Accept-Encoding", "gzip")
        .header("User-Agent", "aura-io");
    headers.forEach(rb::header);
    if (authorization != null) {
      rb.header("Authorization", authorization);
    }
    return rb.build();
  }

  /**
   * Sends one attempt and reads its answer: returns the parsed 200 answer, throws {@link
   * PrometheusException} for a failure that is not retried and {@link RetryableFailure} for one
   * that is.
   */
  private ResponseParser exchange(
      HttpRequest request, String endpoint, String query, String what, String[] secrets)
      throws RetryableFailure {
    String failure;
    Throwable cause;
    int status = 0;
    String errorType = null;
    long retryAfterMillis = -1;
    try {
      HttpResponse<java.util.concurrent.Flow.Publisher<List<java.nio.ByteBuffer>>> response =
          http.send(request, HttpResponse.BodyHandlers.ofPublisher());
      status = response.statusCode();
      TimedBodyStream answer = new TimedBodyStream(readTimeout);
      response.body().subscribe(answer);
      try (answer;
          InputStream in =
              new BoundedStream(decoded(response.headers(), answer), maxResponseBytes)) {
        if (status == 200) {
          return parseAnswer(in, status, endpoint, query, what, secrets);
        }
        String[] err = errorBody(in, secrets);
        errorType = err[0];
        failure = "HTTP " + status + (err[0] == null ? "" : " " + err[0]) + ": " + err[1];
        cause = null;
        if (status != 429 && status < 500) {
          throw new PrometheusException(
              endpoint, query, status, errorType, what + " failed: " + failure, null);
        }
        retryAfterMillis = retryAfter(response.headers());
      }
    } catch (javax.net.ssl.SSLException e) {
      throw new PrometheusException(
          endpoint,
          query,
          0,
          null,
          what + " failed: TLS error (not retried): " + e.getMessage(),
          e);
    } catch (HttpConnectTimeoutException e) {
      failure = "connect timeout after " + connectTimeout;
      cause = e;
    } catch (HttpTimeoutException e) {
      throw new PrometheusException(
          endpoint,
          query,
          0,
          null,
          what
              + " failed: no answer within the request timeout of "
              + requestTimeout
              + " (not retried)",
          e);
    } catch (TimedBodyStream.Interrupted e) {
      Thread.currentThread().interrupt();
      throw new PrometheusException(endpoint, query, status, null, what + " was interrupted", e);
    } catch (TimedBodyStream.Stalled e) {
      failure = "HTTP " + status + " answer stalled: " + e.getMessage();
      cause = e;
    } catch (IOException e) {
      for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
        if (c instanceof javax.net.ssl.SSLException) {
          throw new PrometheusException(
              endpoint,
              query,
              0,
              null,
              what + " failed: TLS error (not retried): " + c.getMessage(),
              e);
        }
      }
      failure =
          "connection error: "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " " + redact(e.getMessage(), secrets));
      cause = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PrometheusException(endpoint, query, 0, null, what + " was interrupted", e);
    }
    throw new RetryableFailure(failure, cause, status, errorType, retryAfterMillis);
  }

  /**
   * Parses a 200 answer and checks it: a body over {@code maxResponseBytes}, malformed JSON,
   * invalid data, more than {@code maxSeries} series or a non-success status fail without a retry.
   * I/O errors while reading (a stalled or broken stream) propagate to {@link #exchange}.
   */
  private ResponseParser parseAnswer(
      InputStream in, int status, String endpoint, String query, String what, String[] secrets)
      throws IOException {
    ResponseParser rp = new ResponseParser(query);
    try {
      rp.parse(in);
    } catch (BoundedStream.TooLarge e) {
      throw new PrometheusException(
          endpoint,
          query,
          status,
          null,
          what
              + " failed: the answer exceeds maxResponseBytes "
              + maxResponseBytes
              + " (not retried; narrow the query or raise the limit)",
          e);
    } catch (JsonProcessingException | ResponseParser.MalformedResponseException e) {
      throw new PrometheusException(
          endpoint,
          query,
          status,
          null,
          what + " failed: malformed JSON answer: " + redact(e.getMessage(), secrets),
          e);
    } catch (InvalidDataException e) {
      throw new PrometheusException(
          endpoint,
          query,
          status,
          null,
          what + " failed: invalid data in the answer: " + redact(e.getMessage(), secrets),
          e);
    }
    if (rp.series != null && rp.series.size() > maxSeries) {
      throw new PrometheusException(
          endpoint,
          query,
          status,
          null,
          what
              + " failed: the answer holds "
              + rp.series.size()
              + " series, more than maxSeries "
              + maxSeries
              + " (not retried; narrow the selector or aggregate)",
          null);
    }
    if (!"success".equals(rp.status)) {
      throw new PrometheusException(
          endpoint,
          query,
          status,
          rp.errorType,
          what
              + " failed: status "
              + rp.status
              + ", "
              + rp.errorType
              + ": "
              + redact(rp.error, secrets),
          null);
    }
    return rp;
  }

  /** A failed attempt that may be retried: what failed, the HTTP status and Retry-After if any. */
  private static final class RetryableFailure extends Exception {
    private static final long serialVersionUID = 1L;
    final String failure;
    final int status;
    final String errorType;
    final long retryAfterMillis;

    RetryableFailure(
        String failure, Throwable cause, int status, String errorType, long retryAfterMillis) {
      super(failure, cause, false, false);
      this.failure = failure;
      this.status = status;
      this.errorType = errorType;
      this.retryAfterMillis = retryAfterMillis;
    }
  }

  private long backoffMillis(int attempt) {
    long cap = initialBackoff.toMillis() << Math.min(attempt, 30);
    if (cap <= 0 || cap > maxBackoff.toMillis()) {
      cap = maxBackoff.toMillis();
    }
    long half = cap / 2;
    return half + (cap - half == 0 ? 0 : ThreadLocalRandom.current().nextLong(cap - half + 1));
  }

  private static long retryAfter(HttpHeaders h) {
    String v = h.firstValue("Retry-After").orElse(null);
    if (v == null) {
      return -1;
    }
    v = v.strip();
    try {
      return Math.max(0, Long.parseLong(v)) * 1000;
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime when = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        return Math.max(0, Duration.between(Instant.now(), when.toInstant()).toMillis());
      } catch (RuntimeException e2) {
        LOG.debug("ignoring unreadable Retry-After header '{}'", v);
        return -1;
      }
    }
  }

  /** Counts the bytes read and fails once more than the limit have arrived. */
  static final class BoundedStream extends java.io.FilterInputStream {
    /** The answer is larger than allowed. */
    static final class TooLarge extends IOException {
      private static final long serialVersionUID = 1L;

      TooLarge(long limit) {
        super("answer larger than " + limit + " bytes");
      }
    }

    private final long limit;
    private long count;

    BoundedStream(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0 && ++count > limit) {
        throw new TooLarge(limit);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
        if (count > limit) {
          throw new TooLarge(limit);
        }
      }
      return n;
    }
  }

  private static InputStream decoded(HttpHeaders headers, InputStream body) throws IOException {
    String enc = headers.firstValue("Content-Encoding").orElse("");
    return enc.equalsIgnoreCase("gzip") ? new GZIPInputStream(body, 1 << 16) : body;
  }

  /** Reads at most 64 KiB of an error answer: {errorType, message}. */
  private static String[] errorBody(InputStream in, String[] secrets) throws IOException {
    byte[] bytes = in.readNBytes(64 * 1024);
    String text = new String(bytes, StandardCharsets.UTF_8);
    ResponseParser rp = new ResponseParser("");
    try {
      rp.parse(new java.io.ByteArrayInputStream(bytes));
      if (rp.error != null) {
        return new String[] {rp.errorType, redact(rp.error, secrets)};
      }
    } catch (IOException | RuntimeException e) {
      // not a Prometheus JSON error; quote the text
    }
    String flat = text.replaceAll("\\s+", " ").strip();
    if (flat.length() > 200) {
      flat = flat.substring(0, 200) + "...";
    }
    return new String[] {null, flat.isEmpty() ? "(empty body)" : redact(flat, secrets)};
  }

  private static String redact(String text, String[] secrets) {
    if (text == null) {
      return null;
    }
    for (String s : secrets) {
      if (s != null && s.length() >= 4) {
        text = text.replace(s, "***");
      }
    }
    return text;
  }

  private TimeSeries toSeries(
      String endpoint, String query, String name, Labels labels, long[] ts, double[] vs) {
    try {
      return TimeSeries.of(name, labels, ts, vs);
    } catch (InvalidDataException e) {
      throw new PrometheusException(
          endpoint,
          query,
          200,
          null,
          endpoint
              + " '"
              + quote(query)
              + "' returned samples Aura cannot accept: "
              + e.getMessage(),
          e);
    }
  }

  private static void checkUnique(String endpoint, String query, List<TimeSeries> series) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (TimeSeries s : series) {
      if (!seen.add(s.name() + s.labels())) {
        throw new PrometheusException(
            endpoint,
            query,
            200,
            null,
            endpoint
                + " '"
                + quote(query)
                + "' returned series "
                + s.name()
                + s.labels()
                + " twice",
            null);
      }
    }
  }

  private static void logWarnings(String endpoint, String query, List<String> warnings) {
    if (!warnings.isEmpty()) {
      LOG.warn("{} '{}': Prometheus warnings: {}", endpoint, quote(query), warnings);
    }
  }

  private static void range(List<String[]> form, Instant start, Instant end) {
    if (start != null) {
      form.add(new String[] {"start", seconds(start.toEpochMilli())});
    }
    if (end != null) {
      form.add(new String[] {"end", seconds(end.toEpochMilli())});
    }
  }

  private static String encode(List<String[]> form) {
    StringBuilder sb = new StringBuilder();
    for (String[] kv : form) {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(URLEncoder.encode(kv[0], StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(kv[1], StandardCharsets.UTF_8));
    }
    return sb.toString();
  }

  private static String seconds(long millis) {
    return SampleValues.formatSeconds(millis, new StringBuilder(20)).toString();
  }

  private static String quote(String query) {
    return query.length() <= MAX_QUOTED ? query : query.substring(0, MAX_QUOTED) + "...";
  }

  private static void requireQuery(String promql) {
    Objects.requireNonNull(promql, "promql");
    if (promql.isBlank()) {
      throw new IllegalArgumentException("the PromQL query is empty");
    }
  }

  /** Without credentials: base URL, authentication method, TLS mode, timeouts and retries. */
  @Override
  public String toString() {
    return "PrometheusClient["
        + base
        + ", auth="
        + (credentials == null ? "none" : credentials)
        + ", tls="
        + tlsDescription
        + ", connectTimeout="
        + connectTimeout
        + ", requestTimeout="
        + requestTimeout
        + ", readTimeout="
        + readTimeout
        + ", maxRetries="
        + maxRetries
        + ", maxPointsPerRequest="
        + maxPointsPerRequest
        + (headers.isEmpty() ? "" : ", headers=" + headers.keySet())
        + "]";
  }

  // ------------------------------------------------------------------------------------ builder

  /**
   * Configures a {@link PrometheusClient}. Defaults: no authentication, TLS verified against the
   * JVM's trust store, connect timeout 5 s, request timeout 60 s, read timeout equal to the request
   * timeout, 3 retries with backoff from 200 ms to 10 s, {@code Retry-After} honoured up to 60 s,
   * 11,000 points per range request, HTTP/1.1.
   *
   * <p>Thread safety: not thread-safe; build on one thread, then share the client. Allocation:
   * {@link #build()} creates one JDK {@code HttpClient} (and reads the CA file); setters are O(1).
   */
  public static final class Builder {
    private final URI base;
    private Credentials credentials;
    private Path caCertificate;
    private SSLContext sslContext;
    private boolean insecure;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(60);
    private Duration readTimeout;
    private int maxRetries = 3;
    private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private int maxSeries = DEFAULT_MAX_SERIES;
    private Duration initialBackoff = Duration.ofMillis(200);
    private Duration maxBackoff = Duration.ofSeconds(10);
    private Duration maxRetryAfter = Duration.ofSeconds(60);
    private int maxPointsPerRequest = PROMETHEUS_MAX_POINTS;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Sleeper sleeper = Sleeper.REAL;

    private Builder(String baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl");
      URI u;
      try {
        u =
            URI.create(
                baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("invalid Prometheus base URL: " + e.getMessage(), e);
      }
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new IllegalArgumentException(
            "the Prometheus base URL must start with http:// or https://");
      }
      if (u.getRawUserInfo() != null) {
        // Do not echo the URL: it holds a password.
        throw new IllegalArgumentException(
            "the Prometheus base URL must not contain user info; use basicAuth(user, password)");
      }
      if (u.getHost() == null || u.getRawQuery() != null || u.getRawFragment() != null) {
        throw new IllegalArgumentException(
            "the Prometheus base URL needs a host and no query or fragment: " + u);
      }
      this.base = u;
    }

    /**
     * Sends {@code Authorization: Bearer TOKEN}.
     *
     * @param token the token
     * @return this builder
     * @throws IllegalStateException when another authentication method is set
     */
    public Builder bearerToken(String token) {
      Objects.requireNonNull(token, "token");
      if (token.isBlank()) {
        throw new IllegalArgumentException("bearer token is empty");
      }
      return auth(Credentials.bearer(token.strip()));
    }

    /**
     * Sends a bearer token read from a file before every request, as Kubernetes service accounts
     * provide it ({@code /var/run/secrets/kubernetes.io/serviceaccount/token}, rotated on disk).
     *
     * @param file the token file
     * @return this builder
     * @throws IllegalStateException when another authentication method is set
     */
    public Builder bearerTokenFile(Path file) {
      return auth(Credentials.bearerFile(Objects.requireNonNull(file, "file")));
    }

    /**
     * Sends HTTP basic authentication.
     *
     * @param user the user name
     * @param password the password
     * @return this builder
     * @throws IllegalStateException when another authentication method is set
     */
    public Builder basicAuth(String user, String password) {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
      if (user.indexOf(':') >= 0) {
        throw new IllegalArgumentException("a basic-auth user name cannot contain ':'");
      }
      return auth(Credentials.basic(user, password));
    }

    private Builder auth(Credentials c) {
      if (credentials != null) {
        throw new IllegalStateException(
            "only one authentication method can be set; already: " + credentials);
      }
      credentials = c;
      return this;
    }

    /**
     * Trusts the CA certificate(s) in a PEM file instead of the JVM's trust store (as Prometheus's
     * {@code ca_file}); host names are still verified.
     *
     * @param pemFile one or more PEM certificates
     * @return this builder
     */
    public Builder caCertificate(Path pemFile) {
      this.caCertificate = Objects.requireNonNull(pemFile, "pemFile");
      return this;
    }

    /**
     * Uses a ready TLS context (client certificates, custom trust); overrides {@link
     * #caCertificate}.
     *
     * @param context the context
     * @return this builder
     */
    public Builder sslContext(SSLContext context) {
      this.sslContext = Objects.requireNonNull(context, "context");
      return this;
    }

    /**
     * Turns off TLS certificate and host-name verification. For throw-away test clusters only: a
     * man in the middle can then read the credentials. Logged at WARN when the client is built.
     *
     * @return this builder
     */
    public Builder insecureSkipTlsVerify() {
      this.insecure = true;
      return this;
    }

    /**
     * The TCP connect timeout.
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * The time allowed for one HTTP request until its answer starts; not retried when exceeded.
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /**
     * The longest the client waits for the next bytes of an answer once its headers have arrived;
     * defaults to the {@link #requestTimeout}. An answer that falls silent for longer is abandoned
     * (its connection closed) and retried like a connection cut short: Prometheus computes a result
     * before it sends it, so a stall in the middle of a body is a transport failure, not a slow
     * query. The whole call is thus bounded by about {@code (maxRetries + 1) · (requestTimeout +
     * time to transfer the body with gaps below readTimeout)} plus the backoff.
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = positive(timeout, "readTimeout");
      return this;
    }

    /**
     * The most bytes one answer may have once decoded (gzip included, so a compressed bomb is cut
     * off too); a larger answer fails, naming the query and the limit, and is not retried.
     *
     * @param bytes at least 1 (default {@link #DEFAULT_MAX_RESPONSE_BYTES})
     * @return this builder
     */
    public Builder maxResponseBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxResponseBytes must be at least 1, got " + bytes);
      }
      this.maxResponseBytes = bytes;
      return this;
    }

    /**
     * The most series one answer may hold; more fails, naming the query and the limit, and is not
     * retried (narrow the selector or aggregate).
     *
     * @param series at least 1 (default {@link #DEFAULT_MAX_SERIES})
     * @return this builder
     */
    public Builder maxSeries(int series) {
      if (series < 1) {
        throw new IllegalArgumentException("maxSeries must be at least 1, got " + series);
      }
      this.maxSeries = series;
      return this;
    }

    /**
     * How many times a retryable failure is retried.
     *
     * @param retries 0 or more
     * @return this builder
     */
    public Builder maxRetries(int retries) {
      if (retries < 0) {
        throw new IllegalArgumentException("maxRetries must be at least 0, got " + retries);
      }
      this.maxRetries = retries;
      return this;
    }

    /**
     * The backoff bounds: retry {@code n} waits about {@code min(max, initial·2^n)}.
     *
     * @param initial the first backoff, positive
     * @param max the largest backoff, at least {@code initial}
     * @return this builder
     */
    public Builder backoff(Duration initial, Duration max) {
      positive(initial, "initial backoff");
      positive(max, "max backoff");
      if (max.compareTo(initial) < 0) {
        throw new IllegalArgumentException(
            "max backoff " + max + " is below the initial backoff " + initial);
      }
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /**
     * The longest {@code Retry-After} the client waits for; a longer one fails the call at once.
     *
     * @param max positive
     * @return this builder
     */
    public Builder maxRetryAfter(Duration max) {
      this.maxRetryAfter = positive(max, "maxRetryAfter");
      return this;
    }

    /**
     * The most evaluation times per range request; longer ranges are split.
     *
     * @param points 1 to {@link #PROMETHEUS_MAX_POINTS}
     * @return this builder
     */
    public Builder maxPointsPerRequest(int points) {
      if (points < 1 || points > PROMETHEUS_MAX_POINTS) {
        throw new IllegalArgumentException(
            "maxPointsPerRequest must be in 1.." + PROMETHEUS_MAX_POINTS + ", got " + points);
      }
      this.maxPointsPerRequest = points;
      return this;
    }

    /**
     * An extra header on every request, for example {@code X-Scope-OrgID} for Mimir or Cortex. Its
     * value is not shown by {@link PrometheusClient#toString()}.
     *
     * @param name the header name (not {@code Authorization}: use the authentication methods)
     * @param value the value
     * @return this builder
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      if (name.equalsIgnoreCase("Authorization")) {
        throw new IllegalArgumentException(
            "set Authorization with bearerToken, bearerTokenFile or basicAuth");
      }
      headers.put(name, value);
      return this;
    }

    /** For tests in this package: replaces the waiting between retries. */
    Builder sleeper(Sleeper s) {
      this.sleeper = Objects.requireNonNull(s);
      return this;
    }

    /**
     * Builds the client; reads the CA file now.
     *
     * @return the client
     * @throws IllegalArgumentException when the CA file cannot be read or holds no certificate
     */
    public PrometheusClient build() {
      HttpClient.Builder hb =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(connectTimeout)
              .followRedirects(HttpClient.Redirect.NEVER);
      String tls = "JVM trust store";
      if (insecure) {
        hb.sslContext(trustAll());
        tls = "INSECURE (verification off)";
        LOG.warn(
            "Prometheus client for {} skips TLS verification: use this for test clusters only",
            base);
      } else if (sslContext != null) {
        hb.sslContext(sslContext);
        tls = "custom SSLContext";
      } else if (caCertificate != null) {
        hb.sslContext(fromCa(caCertificate));
        tls = "CA file " + caCertificate;
      }
      if (credentials != null
          && base.getScheme().equalsIgnoreCase("http")
          && !isLoopback(base.getHost())) {
        LOG.warn("Prometheus client sends credentials over plain http to {}", base.getHost());
      }
      return new PrometheusClient(this, hb.build(), tls);
    }

    private static boolean isLoopback(String host) {
      return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]");
    }

    private static SSLContext fromCa(Path pem) {
      try (InputStream in = java.nio.file.Files.newInputStream(pem)) {
        Collection<? extends Certificate> certs =
            CertificateFactory.getInstance("X.509").generateCertificates(in);
        if (certs.isEmpty()) {
          throw new IllegalArgumentException("CA file " + pem + " holds no certificate");
        }
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        int i = 0;
        for (Certificate c : certs) {
          ks.setCertificateEntry("ca-" + i++, c);
        }
        TrustManagerFactory tmf =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
      } catch (IOException | GeneralSecurityException e) {
        throw new IllegalArgumentException("cannot read CA file " + pem + ": " + e.getMessage(), e);
      }
    }

    private static SSLContext trustAll() {
      TrustManager tm =
          new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] c, String a, java.net.Socket s) {}

            @Override
            public void checkServerTrusted(X509Certificate[] c, String a, java.net.Socket s) {}

            @Override
            public void checkClientTrusted(X509Certificate[] c, String a, SSLEngine e) {}

            @Override
            public void checkServerTrusted(X509Certificate[] c, String a, SSLEngine e) {}

            @Override
            public void checkClientTrusted(X509Certificate[] c, String a) {}

            @Override
            public void checkServerTrusted(X509Certificate[] c, String a) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
              return new X509Certificate[0];
            }
          };
      try {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {tm}, null);
        return ctx;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot create a TLS context", e);
      }
    }

    private static Duration positive(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive, got " + d);
      }
      return d;
    }

    @Override
    public String toString() {
      return "PrometheusClient.Builder["
          + base
          + ", auth="
          + (credentials == null ? "none" : credentials)
          + "]";
    }
  }
}
