package io.sightline.config;

import io.sightline.trace.ReadBudget;
import io.sightline.trace.RequestCancellation;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request of the query port its {@link ReadBudget.Lease} for as long as it runs: the
 * spans its reads charge stay charged until its answer is written, it has failed or the client has
 * gone away — whichever way the request ends, the lease closes here. A client that goes away while
 * the request waits on the store cancels its storage exchanges at once ({@link ClientDepartures}),
 * so its budget does not stay held until the store's deadline. A fatal error ({@link
 * OutOfMemoryError}) ends the process ({@link FatalErrors}).
 */
final class ReadAdmissionFilter extends OncePerRequestFilter {

  private final ReadBudget budget;
  private final ClientDepartures departures;

  ReadAdmissionFilter(ReadBudget budget, ClientDepartures departures) {
    this.budget = budget;
    this.departures = departures;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try (ReadBudget.Lease lease = budget.open();
        RequestCancellation.Scope cancellation = RequestCancellation.open();
        ClientDepartures.Watch watch =
            departures.watch(
                request.getLocalPort(), request.getRemotePort(), cancellation.cancellation())) {
      try {
        chain.doFilter(request, response);
      } finally {
        if (cancellation.cancellation().cancelled()) {
          Thread.interrupted(); // a cancelled read may have interrupted this (pooled) thread
        }
      }
    } catch (ServletException | IOException | RuntimeException | Error e) {
      FatalErrors.exitIfFatal(e);
      throw e;
    }
  }
}
