package io.aura.io.prometheus;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import javax.net.ssl.SSLContext;

/**
 * A tiny loopback HTTP(S) server for client tests: each request is answered by the next scripted
 * {@link Answer} (the last one repeats), and every request is recorded.
 */
final class FakePrometheus implements AutoCloseable {
  /** One scripted answer. */
  interface Answer {
    void answer(HttpExchange ex, Request request) throws IOException;
  }

  /** A recorded request. */
  static final class Request {
    final String method;
    final String path;
    final Map<String, List<String>> form;
    final String authorization;

    Request(String method, String path, Map<String, List<String>> form, String authorization) {
      this.method = method;
      this.path = path;
      this.form = form;
      this.authorization = authorization;
    }

    String param(String name) {
      List<String> v = form.get(name);
      return v == null ? null : v.get(0);
    }
  }

  private final HttpServer server;
  private final ConcurrentLinkedDeque<Answer> script = new ConcurrentLinkedDeque<>();
  final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

  private FakePrometheus(HttpServer server) {
    this.server = server;
    server.createContext("/", this::handle);
    server.start();
  }

  static FakePrometheus http() throws IOException {
    return new FakePrometheus(
        HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0));
  }

  static FakePrometheus https(SSLContext ctx) throws IOException {
    HttpsServer s =
        HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    s.setHttpsConfigurator(new HttpsConfigurator(ctx));
    return new FakePrometheus(s);
  }

  String url() {
    String scheme = server instanceof HttpsServer ? "https" : "http";
    return scheme + "://127.0.0.1:" + server.getAddress().getPort();
  }

  FakePrometheus then(Answer a) {
    script.addLast(a);
    return this;
  }

  /** Replaces the whole script with one answer. */
  FakePrometheus only(Answer a) {
    script.clear();
    script.addLast(a);
    return this;
  }

  private void handle(HttpExchange ex) throws IOException {
    try {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String raw = ex.getRequestURI().getRawQuery();
      String all = raw == null ? body : (body.isEmpty() ? raw : raw + "&" + body);
      Map<String, List<String>> form = new LinkedHashMap<>();
      for (String kv : all.split("&")) {
        if (kv.isEmpty()) {
          continue;
        }
        int eq = kv.indexOf('=');
        String k = URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8);
        String v = URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
        form.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
      }
      Request r =
          new Request(
              ex.getRequestMethod(),
              ex.getRequestURI().getPath(),
              form,
              ex.getRequestHeaders().getFirst("Authorization"));
      requests.add(r);
      Answer a = script.size() > 1 ? script.pollFirst() : script.peekFirst();
      if (a == null) {
        send(
            ex,
            500,
            "{\"status\":\"error\",\"errorType\":\"internal\",\"error\":\"no scripted answer\"}");
      } else {
        a.answer(ex, r);
      }
    } finally {
      ex.close();
    }
  }

  static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  static Answer json(int status, String body) {
    return (ex, r) -> send(ex, status, body);
  }

  static Answer ok(String data) {
    return json(200, "{\"status\":\"success\",\"data\":" + data + "}");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
