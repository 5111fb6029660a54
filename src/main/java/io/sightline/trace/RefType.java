package io.sightline.trace;

/** The kind of a span reference. Any unknown kind reads as {@link #CHILD_OF}, as in Jaeger. */
public enum RefType {
  CHILD_OF,
  FOLLOWS_FROM;

  /** Parses Jaeger's spelling; anything but {@code FOLLOWS_FROM} is {@code CHILD_OF}. */
  public static RefType fromJaegerName(String name) {
    return "FOLLOWS_FROM".equalsIgnoreCase(name) ? FOLLOWS_FROM : CHILD_OF;
  }
}
