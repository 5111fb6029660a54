package io.sightline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sightline.trace.ReadBudget;
import java.io.IOException;
import java.time.Duration;
import org.apache.catalina.connector.ClientAbortException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ReadAdmissionFilterTest {

  private final ReadBudget budget = new ReadBudget(1_000, 4, Duration.ofSeconds(1), 4);
  private final ReadAdmissionFilter filter =
      new ReadAdmissionFilter(budget, new ClientDepartures(false));

  @Test
  void theSpansOfARequestStayChargedUntilItsAnswerIsWritten() throws Exception {
    long[] duringWrite = new long[1];
    filter.doFilter(
        new MockHttpServletRequest("GET", "/api/traces/1"),
        new MockHttpServletResponse(),
        (request, response) -> {
          budget.storageCall(
              () -> {
                ReadBudget.charge(400);
                return null;
              });
          duringWrite[0] = budget.inUse(); // the storage call is over; the answer not yet written
          response.getWriter().write("{}");
        });
    assertThat(duringWrite[0]).isEqualTo(400);
    assertThat(budget.inUse()).isZero();
  }

  @Test
  void aClientThatGoesAwayFreesItsSpans() {
    assertThatThrownBy(
            () ->
                filter.doFilter(
                    new MockHttpServletRequest("GET", "/api/traces/1"),
                    new MockHttpServletResponse(),
                    (request, response) -> {
                      ReadBudget.charge(900);
                      throw new ClientAbortException(new IOException("Broken pipe"));
                    }))
        .isInstanceOf(ClientAbortException.class);
    assertThat(budget.inUse()).isZero();
  }

  @Test
  void aFailingRequestFreesItsSpans() {
    assertThatThrownBy(
            () ->
                filter.doFilter(
                    new MockHttpServletRequest("GET", "/search"),
                    new MockHttpServletResponse(),
                    (request, response) -> {
                      ReadBudget.charge(900);
                      throw new IllegalStateException("bug");
                    }))
        .hasMessage("bug");
    assertThat(budget.inUse()).isZero();
  }
}
