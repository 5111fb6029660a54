package io.sightline.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.trace.RequestCancellation;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ClientDeparturesTest {

  @Test
  void readsPortsAndStatesFromTheKernelsTables() {
    Map<Long, Integer> states = new HashMap<>();
    ClientDepartures.parseLine(
        "   3: 0100007F:4196 0100007F:D2F0 08 00000000:00000000 00:00000000 00000000  0 0 1",
        states);
    ClientDepartures.parseLine(
        "   0: 0000000000000000FFFF00000100007F:4196 0000000000000000FFFF00000100007F:D2F1 01"
            + " 00000000:00000000 00:00000000 00000000 999 0 1360164 1",
        states);
    ClientDepartures.parseLine("garbage", states);
    assertThat(states)
        .containsEntry((16790L << 16) | 0xD2F0, 1 << 8)
        .containsEntry((16790L << 16) | 0xD2F1, 1 << 1)
        .hasSize(2);
  }

  @Test
  void aClientThatClosesItsConnectionCancelsItsRequestAndOneThatStaysDoesNot() throws Exception {
    Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "needs Linux's /proc");
    try (ClientDepartures departures = new ClientDepartures();
        ServerSocket listening = new ServerSocket(0)) {
      Socket leaving = new Socket(InetAddress.getLoopbackAddress(), listening.getLocalPort());
      Socket leavingServerSide = listening.accept();
      Socket staying = new Socket(InetAddress.getLoopbackAddress(), listening.getLocalPort());
      Socket stayingServerSide = listening.accept();
      try (leavingServerSide;
          staying;
          stayingServerSide;
          RequestCancellation.Scope left = RequestCancellation.open();
          RequestCancellation.Scope stays = RequestCancellation.open();
          ClientDepartures.Watch a =
              departures.watch(
                  listening.getLocalPort(), leaving.getLocalPort(), left.cancellation());
          ClientDepartures.Watch b =
              departures.watch(
                  listening.getLocalPort(), staying.getLocalPort(), stays.cancellation())) {
        Thread.sleep(
            ClientDepartures.MIN_AGE.plus(ClientDepartures.INTERVAL.multipliedBy(3)).toMillis());
        assertThat(left.cancellation().cancelled()).isFalse();

        leaving.close();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!left.cancellation().cancelled() && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(left.cancellation().cancelled()).isTrue();
        assertThat(stays.cancellation().cancelled()).isFalse();
      }
    }
  }
}
