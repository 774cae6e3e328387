package io.aura.io.prometheus;

/**
 * A Prometheus HTTP API call failed: the server answered with an error, the response was malformed,
 * the connection failed after every retry, or the call was interrupted. The message always names
 * the endpoint and the query (or matchers), and gives the HTTP status and Prometheus's {@code
 * errorType} and {@code error} when there are any. It never contains credentials.
 *
 * <p>Unchecked: a failed query is usually fatal for the caller's current task, and the caller can
 * still catch it. Thread safety: immutable. Allocation: created only on the error path; accessors
 * are O(1).
 */
public final class PrometheusException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String endpoint;
  private final String query;
  private final int statusCode;
  private final String errorType;

  PrometheusException(
      String endpoint,
      String query,
      int statusCode,
      String errorType,
      String message,
      Throwable cause) {
    super(message, cause);
    this.endpoint = endpoint;
    this.query = query;
    this.statusCode = statusCode;
    this.errorType = errorType;
  }

  /**
   * The API path, for example {@code /api/v1/query_range}.
   *
   * @return the endpoint
   */
  public String endpoint() {
    return endpoint;
  }

  /**
   * The PromQL query or the series matchers the call was for.
   *
   * @return the query, or an empty string for calls without one
   */
  public String query() {
    return query;
  }

  /**
   * The HTTP status of the last response.
   *
   * @return the status, or 0 when no response was received (connection error, malformed body of a
   *     200 answer still gives 200)
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * Prometheus's {@code errorType} ({@code bad_data}, {@code execution}, {@code timeout}, ...).
   *
   * @return the error type, or {@code null} when the response had none
   */
  public String errorType() {
    return errorType;
  }
}
