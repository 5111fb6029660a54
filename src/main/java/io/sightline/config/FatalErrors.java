package io.sightline.config;

/**
 * The last line of defence against a zombie server: after an {@link OutOfMemoryError} (or another
 * {@link VirtualMachineError}) Tomcat's acceptor, the HTTP client's selector or any other thread
 * may be dead while the JVM lives on with every port silent. The process exits instead, so that a
 * supervisor (Kubernetes, systemd, Docker's restart policy) starts a healthy one. The container
 * also runs with {@code -XX:+ExitOnOutOfMemoryError}; this covers plain {@code java -jar}.
 */
public final class FatalErrors {

  /** The exit status after a fatal error (as {@code -XX:+ExitOnOutOfMemoryError}'s 3). */
  static final int EXIT_STATUS = 3;

  private FatalErrors() {}

  /** Makes every thread's uncaught fatal error end the process. */
  public static void install() {
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, error) -> {
          exitIfFatal(error);
          if (previous != null) {
            previous.uncaughtException(thread, error);
          } else {
            System.err.print("Exception in thread \"" + thread.getName() + "\" ");
            error.printStackTrace();
          }
        });
  }

  /** Ends the process at once if {@code error} (or a cause) is a {@link VirtualMachineError}. */
  public static void exitIfFatal(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof VirtualMachineError) {
        // No logging framework: it may need memory we do not have. halt, not exit: shutdown hooks
        // could hang on the very threads that died.
        System.err.println("Sightline: fatal " + t.getClass().getName() + ", exiting");
        Runtime.getRuntime().halt(EXIT_STATUS);
      }
    }
  }
}
