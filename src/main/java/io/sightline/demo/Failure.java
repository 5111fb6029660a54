package io.sightline.demo;

/**
 * An exception as an OpenTelemetry SDK records it ({@code exception.type}, {@code
 * exception.message}, {@code exception.stacktrace}), with a stack trace in the style of the
 * service's language.
 */
record Failure(String type, String message, String stacktrace) {

  /**
   * A Java exception.
   *
   * @param frames {@code class.method(File.java:line)}
   */
  static Failure java(String type, String message, String... frames) {
    return framesAfterMessage(type, message, "\n\tat ", frames);
  }

  /**
   * A Python exception, innermost frame last as Python prints it.
   *
   * @param frames {@code path|line|function|source line}
   */
  static Failure python(String type, String message, String... frames) {
    StringBuilder stack = new StringBuilder("Traceback (most recent call last):\n");
    for (String frame : frames) {
      String[] parts = frame.split("\\|", 4);
      stack
          .append("  File \"")
          .append(parts[0])
          .append("\", line ")
          .append(parts[1])
          .append(", in ")
          .append(parts[2])
          .append("\n    ")
          .append(parts[3])
          .append('\n');
    }
    stack.append(type).append(": ").append(message);
    return new Failure(type, message, stack.toString());
  }

  /**
   * A JavaScript error.
   *
   * @param frames {@code function (file:line:column)}
   */
  static Failure node(String type, String message, String... frames) {
    return framesAfterMessage(type, message, "\n    at ", frames);
  }

  /**
   * A Go error recorded with a stack trace ({@code trace.WithStackTrace(true)}).
   *
   * @param frames {@code package.function|file.go:line}
   */
  static Failure go(String type, String message, String... frames) {
    StringBuilder stack = new StringBuilder("goroutine ").append(frames.length * 97 + 3);
    stack.append(" [running]:");
    for (String frame : frames) {
      String[] parts = frame.split("\\|", 2);
      stack.append('\n').append(parts[0]).append("(...)\n\t").append(parts[1]).append(" +0x1a4");
    }
    return new Failure(type, message, stack.toString());
  }

  /**
   * A stack trace as Java and JavaScript print it: {@code type: message}, then each frame on a line
   * of its own after {@code indent}, innermost first.
   */
  private static Failure framesAfterMessage(
      String type, String message, String indent, String... frames) {
    StringBuilder stack = new StringBuilder(type).append(": ").append(message);
    for (String frame : frames) {
      stack.append(indent).append(frame);
    }
    return new Failure(type, message, stack.toString());
  }
}
