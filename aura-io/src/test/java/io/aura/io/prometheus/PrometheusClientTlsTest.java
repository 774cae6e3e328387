package io.aura.io.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS against a loopback HTTPS server with a self-signed certificate made by the JDK's keytool:
 * verification is on by default, a custom CA file makes it pass, host names are checked, and the
 * explicit insecure switch turns checks off.
 */
class PrometheusClientTlsTest {
  @TempDir static Path dir;

  static final String VECTOR =
      "{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"__name__\":\"up\"},\"value\":[1,\"1\"]}]}";

  @BeforeAll
  static void makeCertificates() throws Exception {
    keytool("good", "ip:127.0.0.1");
    keytool("wronghost", "dns:prometheus.example.com");
  }

  private static void keytool(String name, String san) throws Exception {
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Path ks = dir.resolve(name + ".p12");
    RealPrometheusExtension.run(
        List.of(
            keytool,
            "-genkeypair",
            "-alias",
            name,
            "-keyalg",
            "EC",
            "-groupname",
            "secp256r1",
            "-dname",
            "CN=" + name,
            "-ext",
            "san=" + san,
            "-validity",
            "2",
            "-keystore",
            ks.toString(),
            "-storetype",
            "PKCS12",
            "-storepass",
            "changeit"),
        dir.resolve(name + "-gen.log"),
        Duration.ofSeconds(60));
    RealPrometheusExtension.run(
        List.of(
            keytool,
            "-exportcert",
            "-rfc",
            "-alias",
            name,
            "-keystore",
            ks.toString(),
            "-storepass",
            "changeit",
            "-file",
            dir.resolve(name + ".pem").toString()),
        dir.resolve(name + "-export.log"),
        Duration.ofSeconds(60));
  }

  private static FakePrometheus server(String name) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(dir.resolve(name + ".p12"))) {
      ks.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return FakePrometheus.https(ctx).then(FakePrometheus.ok(VECTOR));
  }

  @Test
  void customCaFileIsTrustedAndDefaultTrustRejectsTheSelfSignedServer() throws Exception {
    try (FakePrometheus s = server("good")) {
      PrometheusClient trusted =
          PrometheusClient.builder(s.url()).caCertificate(dir.resolve("good.pem")).build();
      assertThat(trusted.query("up").series()).hasSize(1);
      assertThat(trusted.toString()).contains("good.pem");

      PrometheusClient plain = PrometheusClient.builder(s.url()).build();
      assertThatThrownBy(() -> plain.query("up"))
          .isInstanceOf(PrometheusException.class)
          .hasMessageContaining("TLS")
          .hasMessageContaining("'up'");
      assertThat(s.requests).hasSize(1); // only the trusted client got through
    }
  }

  @Test
  void hostNamesAreVerifiedEvenWithATrustedCa() throws Exception {
    try (FakePrometheus s = server("wronghost")) {
      PrometheusClient c =
          PrometheusClient.builder(s.url()).caCertificate(dir.resolve("wronghost.pem")).build();
      assertThatThrownBy(() -> c.query("up"))
          .isInstanceOf(PrometheusException.class)
          .hasMessageContaining("TLS");
      assertThat(s.requests).isEmpty();

      PrometheusClient insecure = PrometheusClient.builder(s.url()).insecureSkipTlsVerify().build();
      assertThat(insecure.query("up").series()).hasSize(1);
      assertThat(insecure.toString()).contains("INSECURE");
    }
  }

  @Test
  void unreadableCaFileIsAClearError() {
    assertThatThrownBy(
            () ->
                PrometheusClient.builder("https://127.0.0.1:1")
                    .caCertificate(dir.resolve("missing.pem"))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing.pem");
  }
}
