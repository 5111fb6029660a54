package io.sightline.testing.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Elasticsearch and OpenSearch refuse to run as root. When the tests run as root (containers, CI),
 * the servers run as an unprivileged user, created here if missing.
 */
final class Users {

  private Users() {}

  static boolean isRoot() {
    try {
      Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid", LinkOption.NOFOLLOW_LINKS);
      return Integer.valueOf(0).equals(uid);
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  /** {@code runuser}, from the PATH or the usual sbin directories (not always on root's PATH). */
  static String runuser() {
    for (String dir : Pattern.compile(":").split(System.getenv().getOrDefault("PATH", ""), -1)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "runuser"))) {
        return Path.of(dir, "runuser").toString();
      }
    }
    for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
      if (Files.isExecutable(Path.of(dir, "runuser"))) {
        return Path.of(dir, "runuser").toString();
      }
    }
    throw new IllegalStateException(
        "The tests run as root, and Elasticsearch refuses to: runuser (util-linux) is needed to"
            + " start it as another user, or run the tests as a normal user");
  }

  /** Creates the system user unless it exists; tolerates another JVM creating it meanwhile. */
  static synchronized void ensureExists(String user) {
    if (exists(user)) {
      return;
    }
    String output = "";
    for (int attempt = 0; attempt < 5 && !exists(user); attempt++) {
      output =
          run(
              "useradd",
              "--system",
              "--user-group",
              "--no-create-home",
              "--home-dir",
              "/nonexistent",
              "--shell",
              "/usr/sbin/nologin",
              user);
      if (!exists(user)) {
        sleep(200L * (attempt + 1)); // /etc/passwd may be locked by a parallel useradd
      }
    }
    if (!exists(user)) {
      throw new IllegalStateException(
          "The tests run as root and Elasticsearch refuses to; creating the user '"
              + user
              + "' to run it failed: "
              + output
              + " (create it yourself, or set SIGHTLINE_TEST_SEARCH_USER to an existing user)");
    }
  }

  private static boolean exists(String user) {
    try {
      lookup().lookupPrincipalByName(user);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Makes the user own the directory tree (the server writes data, logs and temp files there). */
  static void chownTree(Path root, String user) {
    try {
      UserPrincipal owner = lookup().lookupPrincipalByName(user);
      GroupPrincipal group;
      try {
        group = lookup().lookupPrincipalByGroupName(user);
      } catch (IOException e) {
        group = null;
      }
      try (Stream<Path> paths = Files.walk(root)) {
        for (Path path : paths.toList()) {
          PosixFileAttributeView view =
              Files.getFileAttributeView(
                  path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
          view.setOwner(owner);
          if (group != null) {
            view.setGroup(group);
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot give " + root + " to user " + user, e);
    }
  }

  private static UserPrincipalLookupService lookup() {
    return Path.of("/").getFileSystem().getUserPrincipalLookupService();
  }

  private static String run(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] out = process.getInputStream().readAllBytes();
      process.waitFor(30, TimeUnit.SECONDS);
      return new String(out, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
