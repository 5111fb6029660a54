package io.sightline.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/** The JVM that runs the servers (the one running the benchmark), and free ports for them. */
final class Java {

  private Java() {}

  static String executable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static String version() {
    return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
