package io.sightline.config;

import io.sightline.threads.DaemonThreads;
import io.sightline.trace.RequestCancellation;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices that the client of a request in flight went away — its connection half-closed by the
 * client (state {@code CLOSE_WAIT} in the kernel's socket table) — and cancels the request's
 * storage exchanges ({@link RequestCancellation}), as Go's server cancels a request's context when
 * its connection closes. Tomcat says nothing until the answer is written, and a request that waits
 * on the store writes nothing; so one daemon thread reads Linux's {@code /proc/net/tcp} and {@code
 * tcp6} every {@link #INTERVAL} while requests of at least {@link #MIN_AGE} are watched: most
 * requests are answered before that, and a read of the table costs CPU in proportion to all the
 * machine's sockets (at 200 ms it took a tenth of the request threads' CPU during a bench of short
 * trace fetches). Elsewhere (no {@code /proc}) nothing is watched and a departed client's request
 * ends at the store's deadline, as before.
 *
 * <p>A request is cancelled only on positive evidence: its connection (local port, client port) is
 * in {@code CLOSE_WAIT} and no connection with those ports is established.
 */
final class ClientDepartures implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ClientDepartures.class);

  static final Duration INTERVAL = Duration.ofMillis(200);

  /** Requests younger than this are not looked for in the socket table. */
  static final Duration MIN_AGE = Duration.ofSeconds(1);

  private static final List<Path> TABLES =
      List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

  /** The table's field separator (compiled once: the table is read every {@link #INTERVAL}). */
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private static final int ESTABLISHED = 0x01;
  private static final int CLOSE_WAIT = 0x08;

  /** A request being watched; closing it stops watching. */
  interface Watch extends AutoCloseable {
    @Override
    void close();
  }

  private static final Watch NONE = () -> {};

  private record Watched(
      int localPort, int remotePort, RequestCancellation cancellation, long sinceNanos) {}

  private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
  private final boolean available;
  private final Object wakeUp = new Object();
  private volatile Thread thread;
  private volatile boolean closed;

  ClientDepartures() {
    this(Files.isReadable(TABLES.get(0)));
  }

  ClientDepartures(boolean available) {
    this.available = available;
  }

  /** Watches a request's connection until the returned watch is closed. */
  Watch watch(int localPort, int remotePort, RequestCancellation cancellation) {
    if (!available || closed || localPort <= 0 || remotePort <= 0) {
      return NONE;
    }
    Watched entry = new Watched(localPort, remotePort, cancellation, System.nanoTime());
    watched.add(entry);
    startOrWake();
    return () -> watched.remove(entry);
  }

  private void startOrWake() {
    if (thread == null) {
      synchronized (this) {
        if (thread == null && !closed) {
          thread = DaemonThreads.start("sightline-client-departures", this::run);
        }
      }
    }
    synchronized (wakeUp) {
      wakeUp.notifyAll();
    }
  }

  private void run() {
    try {
      while (!closed) {
        synchronized (wakeUp) {
          while (watched.isEmpty() && !closed) {
            wakeUp.wait();
          }
        }
        Thread.sleep(INTERVAL.toMillis());
        if (anyOlderThan(System.nanoTime() - MIN_AGE.toNanos())) {
          check(connectionStates());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      log.warn("Client departures are no longer noticed: {}", e.toString());
    }
  }

  private boolean anyOlderThan(long nanos) {
    for (Watched w : watched) {
      if (w.sinceNanos() - nanos <= 0) {
        return true;
      }
    }
    return false;
  }

  private void check(Map<Long, Integer> states) {
    for (Iterator<Watched> it = watched.iterator(); it.hasNext(); ) {
      Watched w = it.next();
      Integer seen = states.get(key(w.localPort(), w.remotePort()));
      if (seen != null && (seen & (1 << CLOSE_WAIT)) != 0 && (seen & (1 << ESTABLISHED)) == 0) {
        it.remove();
        log.debug("Client on port {} went away: cancelling its request", w.remotePort());
        w.cancellation().cancel();
      }
    }
  }

  /** (local port, remote port) → the set of TCP states (bit per state) of such connections. */
  static Map<Long, Integer> connectionStates() throws IOException {
    Map<Long, Integer> states = new HashMap<>();
    for (Path table : TABLES) {
      if (!Files.isReadable(table)) {
        continue;
      }
      try (BufferedReader in = Files.newBufferedReader(table, StandardCharsets.US_ASCII)) {
        in.readLine(); // the header
        String line;
        while ((line = in.readLine()) != null) {
          parseLine(line, states);
        }
      }
    }
    return states;
  }

  /** One line: {@code sl local_address rem_address st …}, addresses as hex {@code IP:PORT}. */
  static void parseLine(String line, Map<Long, Integer> states) {
    String[] fields = SPACES.split(line.trim(), 5);
    if (fields.length < 4) {
      return;
    }
    int localPort = port(fields[1]);
    int remotePort = port(fields[2]);
    int state;
    try {
      state = Integer.parseInt(fields[3], 16);
    } catch (NumberFormatException e) {
      return;
    }
    if (localPort < 0 || remotePort < 0 || state < 0 || state > 31) {
      return;
    }
    states.merge(key(localPort, remotePort), 1 << state, (a, b) -> a | b);
  }

  private static int port(String address) {
    int colon = address.lastIndexOf(':');
    try {
      return colon < 0 ? -1 : Integer.parseInt(address.substring(colon + 1), 16);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static long key(int localPort, int remotePort) {
    return ((long) localPort << 16) | remotePort;
  }

  @Override
  public void close() {
    closed = true;
    synchronized (wakeUp) {
      wakeUp.notifyAll();
    }
  }
}
