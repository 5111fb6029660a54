package io.sightline.trace;

/** Archiving was asked for but no archive storage is configured. */
public class ArchiveNotConfiguredException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ArchiveNotConfiguredException() {
    super("archive span storage was not configured"); // Jaeger's words
  }
}
