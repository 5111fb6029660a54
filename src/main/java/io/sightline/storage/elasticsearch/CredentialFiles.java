package io.sightline.storage.elasticsearch;

import io.sightline.storage.elasticsearch.client.Credentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jaeger's auth settings turned into the {@link Credentials} of the client. Secret files are
 * re-read when they change (rotated tokens keep working, as in Jaeger) and a failed re-read keeps
 * the last good value. Nothing here ever logs or prints a secret.
 */
final class CredentialFiles {

  private static final Logger log = LoggerFactory.getLogger(CredentialFiles.class);

  private CredentialFiles() {}

  /**
   * Bearer token, then API key, then basic auth: when several are configured the first wins (Jaeger
   * v1 lets its bearer-token transport overwrite the basic-auth header too), with a warning.
   *
   * @param prefix the settings' variable prefix for messages: {@code ES} or {@code ES_ARCHIVE}
   * @throws IllegalStateException when the settings contradict each other or a file is unreadable
   */
  static Credentials from(ElasticsearchProperties.Connection c, String prefix) {
    check(c, prefix);
    int methods =
        (c.tokenFile().isEmpty() ? 0 : 1)
            + (c.apiKeyFile().isEmpty() ? 0 : 1)
            + (c.username().isEmpty() ? 0 : 1);
    if (methods > 1) {
      log.warn(
          "Several Elasticsearch authentication methods are configured; using {}",
          !c.tokenFile().isEmpty() ? prefix + "_TOKEN_FILE" : prefix + "_API_KEY_FILE");
    }
    if (!c.tokenFile().isEmpty()) {
      SecretFile token = new SecretFile(Path.of(c.tokenFile()), prefix + "_TOKEN_FILE");
      return Credentials.of(() -> "Bearer " + token.get(), "bearer token");
    }
    if (!c.apiKeyFile().isEmpty()) {
      SecretFile key = new SecretFile(Path.of(c.apiKeyFile()), prefix + "_API_KEY_FILE");
      return Credentials.of(() -> "ApiKey " + key.get(), "API key");
    }
    if (!c.username().isEmpty()) {
      String user = c.username();
      if (!c.passwordFile().isEmpty()) {
        SecretFile password = new SecretFile(Path.of(c.passwordFile()), prefix + "_PASSWORD_FILE");
        return Credentials.of(
            () -> basic(user, password.get()), "basic auth as user '" + user + "'");
      }
      String value = basic(user, c.password());
      return Credentials.of(() -> value, "basic auth as user '" + user + "'");
    }
    if (!c.password().isEmpty() || !c.passwordFile().isEmpty()) {
      log.warn(
          "{}_PASSWORD/{}_PASSWORD_FILE is set without {}_USERNAME; it is ignored",
          prefix,
          prefix,
          prefix);
    }
    return Credentials.NONE;
  }

  /**
   * Checks the settings and that secret files can be read and are not empty, without logging and
   * without keeping anything.
   */
  static void check(ElasticsearchProperties.Connection c, String prefix) {
    if (!c.password().isEmpty() && !c.passwordFile().isEmpty()) {
      throw new IllegalStateException(
          prefix + "_PASSWORD and " + prefix + "_PASSWORD_FILE are both set; use one");
    }
    if (!c.tokenFile().isEmpty()) {
      new SecretFile(Path.of(c.tokenFile()), prefix + "_TOKEN_FILE");
    }
    if (!c.apiKeyFile().isEmpty()) {
      new SecretFile(Path.of(c.apiKeyFile()), prefix + "_API_KEY_FILE");
    }
    if (!c.username().isEmpty() && !c.passwordFile().isEmpty()) {
      new SecretFile(Path.of(c.passwordFile()), prefix + "_PASSWORD_FILE");
    }
  }

  /** The user of basic authentication, or empty (for messages). */
  static String user(ElasticsearchProperties.Connection c) {
    return c.tokenFile().isEmpty() && c.apiKeyFile().isEmpty() ? c.username() : "";
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** A secret in a file: the first read must succeed; later changes are picked up. */
  static final class SecretFile {

    private final Path path;
    private final String setting;
    private FileTime modified;
    private long size;
    private String value;

    SecretFile(Path path, String setting) {
      this.path = path;
      this.setting = setting;
      try {
        load();
      } catch (IOException e) {
        throw new IllegalStateException(
            setting + "=" + path + " cannot be read: " + e.getClass().getSimpleName(), e);
      }
      if (value.isEmpty()) {
        throw new IllegalStateException(setting + "=" + path + " is empty");
      }
    }

    synchronized String get() {
      try {
        FileTime now = Files.getLastModifiedTime(path);
        if (!now.equals(modified) || Files.size(path) != size) {
          load();
        }
      } catch (IOException e) {
        log.warn(
            "{}={} cannot be re-read ({}); keeping the previous value",
            setting,
            path,
            e.getClass().getSimpleName());
      }
      return value;
    }

    private void load() throws IOException {
      FileTime time = Files.getLastModifiedTime(path);
      byte[] bytes = Files.readAllBytes(path);
      String text = new String(bytes, StandardCharsets.UTF_8);
      // Like Jaeger: trailing line breaks are not part of the secret.
      int end = text.length();
      while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
        end--;
      }
      String loaded = text.substring(0, end);
      if (loaded.isEmpty() && value != null) {
        // A file being rewritten can be empty for an instant; keep the last good secret.
        return;
      }
      value = loaded;
      modified = time;
      size = bytes.length;
    }
  }
}
