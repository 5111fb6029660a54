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

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("load")) {
      System.exit(LoadCommand.run(Arrays.copyOfRange(args, 1, args.length)));
    }
    if (args.length > 0 && args[0].equals("dependencies")) {
      System.exit(DependenciesCommand.run(Arrays.copyOfRange(args, 1, args.length)));
    }
    FatalErrors.install();
    SpringApplication.run(SightlineApplication.class, args);
  }
}
