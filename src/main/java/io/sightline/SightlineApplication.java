package io.sightline;

import io.sightline.config.FatalErrors;
import io.sightline.dependencies.DependenciesCommand;
import io.sightline.load.LoadCommand;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Sightline: a Jaeger-compatible trace query server and web UI. {@code java -jar sightline.jar load
 * …} runs the loader instead ({@link LoadCommand}), {@code … dependencies …} the dependencies job
 * ({@link DependenciesCommand}): they start no web server and open no port.
 */
@SpringBootApplication
public class SightlineApplication {

  /** The JDK's setting of the common fork-join pool's size. */
  static final String COMMON_POOL_PARALLELISM =
      "java.util.concurrent.ForkJoinPool.common.parallelism";

  public static void main(String[] args) {
    poolAsyncCompletions();
    if (args.length > 0 && args[0].equals("load")) {
      System.exit(LoadCommand.run(Arrays.copyOfRange(args, 1, args.length)));
    }
    if (args.length > 0 && args[0].equals("dependencies")) {
      System.exit(DependenciesCommand.run(Arrays.copyOfRange(args, 1, args.length)));
    }
    FatalErrors.install();
    SpringApplication.run(SightlineApplication.class, args);
  }

  /**
   * Gives the common pool two workers on a machine of one or two cores, unless the operator chose a
   * size. There the JDK sizes it at one, and below two {@code CompletableFuture} runs each
   * asynchronous step on a thread of its own; the JDK {@code HttpClient} hands every answer of
   * {@code sendAsync} (how {@code EsTransport} sends, to be able to cancel) through such a step, so
   * each Elasticsearch request started and ended a thread. Must run before anything uses the pool.
   */
  static void poolAsyncCompletions() {
    if (System.getProperty(COMMON_POOL_PARALLELISM) == null
        && Runtime.getRuntime().availableProcessors() <= 2) {
      System.setProperty(COMMON_POOL_PARALLELISM, "2");
    }
  }
}
