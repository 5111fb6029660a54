package io.sightline.config;

import io.sightline.trace.ReadBudget;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request of the query port its {@link ReadBudget.Lease} for as long as it runs: the
 * spans its reads charge stay charged until its answer is written, it has failed or the client has
 * gone away — whichever way the request ends, the lease closes here. A fatal error ({@link
 * OutOfMemoryError}) ends the process ({@link FatalErrors}).
 */
final class ReadAdmissionFilter extends OncePerRequestFilter {

  private final ReadBudget budget;

  ReadAdmissionFilter(ReadBudget budget) {
    this.budget = budget;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try (ReadBudget.Lease lease = budget.open()) {
      chain.doFilter(request, response);
    } catch (ServletException | IOException | RuntimeException | Error e) {
      FatalErrors.exitIfFatal(e);
      throw e;
    }
  }
}
