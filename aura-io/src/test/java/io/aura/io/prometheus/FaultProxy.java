package io.aura.io.prometheus;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A fault-injecting HTTP/1.1 proxy on 127.0.0.1 in front of a real server, written on plain
 * sockets. Each request it receives is one attempt; it counts them and answers the n-th with the
 * n-th fault of its script (the last fault repeats). Faults that need a real answer fetch it from
 * the upstream server ({@code Connection: close}) and then damage it.
 *
 * <p>Every answer the proxy sends itself is framed with {@code Content-Length} and {@code
 * Connection: close}, so one connection carries exactly one attempt. Thread safety: the script is
 * set by the test thread before a call; connections are served on daemon threads.
 */
final class FaultProxy implements AutoCloseable {
  /** What the proxy does with one request. */
  enum Fault {
    /** Forward the request and relay the real answer. */
    PASS,
    /** Read the request, then close the connection without answering. */
    DROP,
    /** Read the request and answer nothing until the client gives up (or 30 s pass). */
    DELAY,
    /** 429 with {@code Retry-After: 1} and a Prometheus error body. */
    TOO_MANY_REQUESTS,
    /** 500 with a Prometheus error body. */
    INTERNAL_ERROR,
    /** 503 with a plain-text body. */
    UNAVAILABLE,
    /**
     * The real answer's JSON cut at {@link #cut}, sent as a complete HTTP message ({@code
     * Content-Length} of the cut body, re-compressed when the real answer was gzip): the HTTP layer
     * sees nothing wrong, only the JSON is incomplete.
     */
    TRUNCATED,
    /** The real answer's JSON with a stretch in the middle overwritten by non-JSON bytes. */
    GARBLED,
    /**
     * Headers announcing the real answer's full length, then the first half of its body bytes, then
     * the connection is closed.
     */
    CLOSED_MID_STREAM,
    /** As {@link #CLOSED_MID_STREAM}, but the connection is kept open and silent instead. */
    STALLED_MID_STREAM
  }

  private final int upstreamPort;
  private final ServerSocket server;
  private final Thread acceptor;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger requests = new AtomicInteger();
  private final List<String> requestLines = Collections.synchronizedList(new ArrayList<>());
  private volatile List<Fault> script = List.of(Fault.PASS);
  private volatile boolean stripAcceptEncoding;
  private volatile IntUnaryOperator cut = n -> n / 2;
  private volatile String upstreamEncoding = "";
  private volatile boolean closed;

  /**
   * Starts a proxy.
   *
   * @param upstreamPort the real server's port on 127.0.0.1
   * @param port the port to listen on, 0 for any free one
   */
  FaultProxy(int upstreamPort, int port) throws IOException {
    this.upstreamPort = upstreamPort;
    server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 50);
    acceptor = new Thread(this::acceptLoop, "fault-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Faults for the next attempts, in order; the last one repeats. Resets the attempt count. */
  FaultProxy script(Fault... faults) {
    script = List.of(faults);
    requests.set(0);
    requestLines.clear();
    return this;
  }

  /** Asks the upstream server for an uncompressed answer (the client's Accept-Encoding dropped). */
  FaultProxy identityEncoding(boolean identity) {
    stripAcceptEncoding = identity;
    return this;
  }

  /**
   * Where {@link Fault#TRUNCATED} cuts a JSON body whose content (trailing white space aside) is n
   * bytes.
   */
  FaultProxy cutAt(IntUnaryOperator where) {
    cut = where;
    return this;
  }

  /** Attempts received since the last {@link #script}. */
  int requests() {
    return requests.get();
  }

  /** The request lines received since the last {@link #script}. */
  List<String> requestLines() {
    synchronized (requestLines) {
      return List.copyOf(requestLines);
    }
  }

  /** The Content-Encoding of the last upstream answer. */
  String upstreamEncoding() {
    return upstreamEncoding;
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket s = server.accept();
        open.add(s);
        Thread t = new Thread(() -> serve(s), "fault-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      byte[] head = readHead(in);
      if (head == null) {
        return;
      }
      String headText = new String(head, StandardCharsets.ISO_8859_1);
      int length = contentLength(headText);
      byte[] body = in.readNBytes(length);
      int n = requests.getAndIncrement();
      requestLines.add(headText.substring(0, headText.indexOf("\r\n")));
      List<Fault> sc = script;
      Fault fault = sc.get(Math.min(n, sc.size() - 1));
      OutputStream out = client.getOutputStream();
      switch (fault) {
        case DROP:
          return;
        case DELAY:
          client.setSoTimeout(30_000);
          try {
            while (in.read() >= 0) {
              // wait for the client to give up
            }
          } catch (IOException e) {
            // timed out or reset
          }
          return;
        case TOO_MANY_REQUESTS:
          out.write(
              answer(
                  429,
                  "Too Many Requests",
                  "Retry-After: 1\r\nContent-Type: application/json\r\n",
                  "{\"status\":\"error\",\"errorType\":\"too_many_requests\",\"error\":\"slow down\"}"
                      .getBytes(StandardCharsets.UTF_8)));
          return;
        case INTERNAL_ERROR:
          out.write(
              answer(
                  500,
                  "Internal Server Error",
                  "Content-Type: application/json\r\n",
                  "{\"status\":\"error\",\"errorType\":\"internal\",\"error\":\"injected failure\"}"
                      .getBytes(StandardCharsets.UTF_8)));
          return;
        case UNAVAILABLE:
          out.write(
              answer(
                  503,
                  "Service Unavailable",
                  "Content-Type: text/plain\r\n",
                  "upstream connect error".getBytes(StandardCharsets.UTF_8)));
          return;
        default:
          break;
      }
      Upstream up = forward(headText, body);
      upstreamEncoding = up.encoding;
      switch (fault) {
        case PASS:
          out.write(answer(up.status, "Relayed", up.extraHeaders(), up.body));
          return;
        case TRUNCATED:
          {
            byte[] json = up.json();
            int end = json.length;
            while (end > 0 && Character.isWhitespace(json[end - 1])) {
              end--;
            }
            int at = Math.max(0, Math.min(end, cut.applyAsInt(end)));
            out.write(
                answer(
                    up.status,
                    "Relayed",
                    up.extraHeaders(),
                    up.encode(java.util.Arrays.copyOf(json, at))));
            return;
          }
        case GARBLED:
          {
            byte[] json = up.json().clone();
            int mid = json.length / 2;
            byte[] junk = "\u0000}{]garbled[".getBytes(StandardCharsets.UTF_8);
            System.arraycopy(junk, 0, json, mid, Math.min(junk.length, json.length - mid));
            out.write(answer(up.status, "Relayed", up.extraHeaders(), up.encode(json)));
            return;
          }
        case CLOSED_MID_STREAM:
        case STALLED_MID_STREAM:
          {
            byte[] full = answer(up.status, "Relayed", up.extraHeaders(), up.body);
            int headLen = full.length - up.body.length;
            out.write(full, 0, headLen + up.body.length / 2);
            out.flush();
            if (fault == Fault.STALLED_MID_STREAM) {
              client.setSoTimeout(30_000);
              try {
                while (in.read() >= 0) {
                  // silent until the client gives up
                }
              } catch (IOException e) {
                // timed out or reset
              }
            }
            return;
          }
        default:
          throw new IllegalStateException(fault.toString());
      }
    } catch (IOException e) {
      // the client went away; nothing to do
    } finally {
      open.remove(client);
    }
  }

  private static byte[] answer(int status, String reason, String headers, byte[] body) {
    byte[] head =
        ("HTTP/1.1 "
                + status
                + " "
                + reason
                + "\r\n"
                + headers
                + "Content-Length: "
                + body.length
                + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = java.util.Arrays.copyOf(head, head.length + body.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }

  /** The upstream answer: status, content headers and the body with the transfer coding removed. */
  private static final class Upstream {
    int status;
    String contentType = "application/json";
    String encoding = "";
    byte[] body;

    String extraHeaders() {
      return "Content-Type: "
          + contentType
          + "\r\n"
          + (encoding.isEmpty() ? "" : "Content-Encoding: " + encoding + "\r\n");
    }

    byte[] json() throws IOException {
      if (encoding.equalsIgnoreCase("gzip")) {
        try (InputStream g = new GZIPInputStream(new ByteArrayInputStream(body))) {
          return g.readAllBytes();
        }
      }
      return body;
    }

    byte[] encode(byte[] json) throws IOException {
      if (!encoding.equalsIgnoreCase("gzip")) {
        return json;
      }
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      try (GZIPOutputStream g = new GZIPOutputStream(b)) {
        g.write(json);
      }
      return b.toByteArray();
    }
  }

  private Upstream forward(String headText, byte[] body) throws IOException {
    StringBuilder req = new StringBuilder();
    String[] lines = headText.split("\r\n");
    req.append(lines[0]).append("\r\n");
    for (int i = 1; i < lines.length; i++) {
      String l = lines[i];
      String name = l.substring(0, Math.max(0, l.indexOf(':'))).strip().toLowerCase(Locale.ROOT);
      if (name.equals("connection")
          || name.equals("host")
          || name.equals("upgrade")
          || name.equals("http2-settings")
          || (stripAcceptEncoding && name.equals("accept-encoding"))) {
        continue;
      }
      req.append(l).append("\r\n");
    }
    req.append("Host: 127.0.0.1:").append(upstreamPort).append("\r\nConnection: close\r\n\r\n");
    try (Socket s = new Socket(InetAddress.getByName("127.0.0.1"), upstreamPort)) {
      s.setSoTimeout(30_000);
      OutputStream o = s.getOutputStream();
      o.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
      o.write(body);
      o.flush();
      InputStream i = s.getInputStream();
      byte[] head = readHead(i);
      if (head == null) {
        throw new IOException("upstream sent no answer");
      }
      String h = new String(head, StandardCharsets.ISO_8859_1);
      Upstream up = new Upstream();
      up.status = Integer.parseInt(h.substring(9, 12));
      boolean chunked = false;
      int length = -1;
      for (String l : h.split("\r\n")) {
        int c = l.indexOf(':');
        if (c <= 0) {
          continue;
        }
        String name = l.substring(0, c).strip().toLowerCase(Locale.ROOT);
        String value = l.substring(c + 1).strip();
        if (name.equals("content-type")) {
          up.contentType = value;
        } else if (name.equals("content-encoding")) {
          up.encoding = value;
        } else if (name.equals("transfer-encoding")) {
          chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        } else if (name.equals("content-length")) {
          length = Integer.parseInt(value);
        }
      }
      up.body = chunked ? dechunk(i) : length >= 0 ? i.readNBytes(length) : i.readAllBytes();
      return up;
    }
  }

  private static byte[] dechunk(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = line(in);
      int semi = sizeLine.indexOf(';');
      int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip(), 16);
      if (size == 0) {
        return out.toByteArray();
      }
      out.write(in.readNBytes(size));
      line(in); // CRLF after the chunk
    }
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
      if (c != '\r') {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }

  /**
   * Reads up to and including the blank line; null when the peer closed before sending anything.
   */
  private static byte[] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int state = 0;
    for (int c = in.read(); c >= 0; c = in.read()) {
      b.write(c);
      state =
          (c == '\r' && (state == 0 || state == 2))
              ? state + 1
              : (c == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
      if (state == 4) {
        return b.toByteArray();
      }
    }
    return b.size() == 0 ? null : b.toByteArray();
  }

  private static int contentLength(String head) {
    for (String l : head.split("\r\n")) {
      int c = l.indexOf(':');
      if (c > 0 && l.substring(0, c).strip().equalsIgnoreCase("content-length")) {
        return Integer.parseInt(l.substring(c + 1).strip());
      }
    }
    return 0;
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // already closed
    }
    for (Socket s : open) {
      try {
        s.close();
      } catch (IOException e) {
        // already closed
      }
    }
    try {
      acceptor.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
