package io.aura.io.prometheus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * How the client authenticates. The secret is only ever turned into an {@code Authorization}
 * header; {@link #toString()} describes the method without the secret. Immutable.
 */
abstract class Credentials {
  /** The header value for the next request (a token file is read again each time). */
  abstract String authorization() throws IOException;

  /** The secret strings to redact from any server text we quote in messages. */
  abstract String[] secrets();

  static Credentials bearer(String token) {
    return new Credentials() {
      @Override
      String authorization() {
        return "Bearer " + token;
      }

      @Override
      String[] secrets() {
        return new String[] {token};
      }

      @Override
      public String toString() {
        return "bearer token (" + token.length() + " characters)";
      }
    };
  }

  static Credentials bearerFile(Path file) {
    return new Credentials() {
      private volatile String last = "";

      @Override
      String authorization() throws IOException {
        // Service-account tokens are rotated on disk; read the file for every request.
        String token = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (token.isEmpty()) {
          throw new IOException("bearer token file " + file + " is empty");
        }
        last = token;
        return "Bearer " + token;
      }

      @Override
      String[] secrets() {
        return new String[] {last};
      }

      @Override
      public String toString() {
        return "bearer token from file " + file;
      }
    };
  }

  static Credentials basic(String user, String password) {
    String encoded =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return new Credentials() {
      @Override
      String authorization() {
        return "Basic " + encoded;
      }

      @Override
      String[] secrets() {
        return new String[] {password, encoded};
      }

      @Override
      public String toString() {
        return "basic auth";
      }
    };
  }
}
