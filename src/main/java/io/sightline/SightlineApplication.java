package io.sightline;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Sightline: a Jaeger-compatible trace query server and web UI. */
@SpringBootApplication
public class SightlineApplication {

  public static void main(String[] args) {
    SpringApplication.run(SightlineApplication.class, args);
  }
}
