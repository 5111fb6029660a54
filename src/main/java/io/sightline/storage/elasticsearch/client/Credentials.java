package io.sightline.storage.elasticsearch.client;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The {@code Authorization} header of every request and a description of it that never holds a
 * secret (for error messages). Built from Jaeger's auth settings by {@code CredentialFiles}.
 */
public final class Credentials {

  /** No authentication. */
  public static final Credentials NONE = new Credentials(() -> null, "none");

  private final Supplier<String> header;
  private final String description;

  private Credentials(Supplier<String> header, String description) {
    this.header = header;
    this.description = description;
  }

  /**
   * Credentials sent as the given header.
   *
   * @param header the header value, asked for on every request (a rotated secret file may change
   *     it); {@code null} for none
   * @param description what the credentials are, without the secret (for example "basic auth as
   *     user 'jaeger'")
   */
  public static Credentials of(Supplier<String> header, String description) {
    return new Credentials(Objects.requireNonNull(header), Objects.requireNonNull(description));
  }

  String authorization() {
    return header.get();
  }

  String description() {
    return description;
  }
}
