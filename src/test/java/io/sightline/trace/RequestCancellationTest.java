package io.sightline.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestCancellationTest {

  @Test
  void cancellingStopsTheExchangesInFlightOnceAndNotTheEndedOnes() {
    List<String> stopped = new ArrayList<>();
    try (RequestCancellation.Scope scope = RequestCancellation.open()) {
      RequestCancellation.Registration ended = RequestCancellation.onCancel(() -> stopped.add("a"));
      RequestCancellation.onCancel(() -> stopped.add("b"));
      ended.close(); // "a" finished on its own
      assertThat(RequestCancellation.currentCancelled()).isFalse();

      scope.cancellation().cancel();
      scope.cancellation().cancel();

      assertThat(stopped).containsExactly("b");
      assertThat(RequestCancellation.currentCancelled()).isTrue();
      assertThatThrownBy(RequestCancellation::throwIfCancelled)
          .isInstanceOf(RequestCancelledException.class)
          .hasMessageContaining("client went away");
      // An exchange started after the cancellation is stopped at once.
      RequestCancellation.onCancel(() -> stopped.add("c"));
      assertThat(stopped).containsExactly("b", "c");
    }
    assertThat(RequestCancellation.currentCancelled()).isFalse();
  }

  @Test
  void outsideARequestNothingIsRegistered() {
    List<String> stopped = new ArrayList<>();
    RequestCancellation.onCancel(() -> stopped.add("a")).close();
    RequestCancellation.throwIfCancelled();
    assertThat(stopped).isEmpty();
  }
}
