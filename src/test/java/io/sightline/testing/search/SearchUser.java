package io.sightline.testing.search;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A user of a secured test server, with its password.
 *
 * @param name the user name
 * @param password the password (random per test run)
 */
public record SearchUser(String name, String password) {

  /** The value of a basic {@code Authorization} header. */
  public String basicAuthorization() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Never the password. */
  @Override
  public String toString() {
    return name;
  }
}
