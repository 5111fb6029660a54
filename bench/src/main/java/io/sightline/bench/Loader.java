package io.sightline.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads the data set with Sightline's own loader ({@code java -jar sightline.jar load --generate
 * …}), which writes exactly what Jaeger's collector writes (templates, daily span and service
 * indices, per-day dependencies).
 */
final class Loader {

  private Loader() {}

  static void load(Path jar, URI elasticsearch, DataSet data, Path log)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Java.executable());
    command.add("-Xmx1g");
    command.add("-jar");
    command.add(jar.toString());
    command.add("load");
    command.add("--generate");
    command.add("--spans");
    command.add(Long.toString(data.spans()));
    command.add("--days");
    command.add(Long.toString(data.window().toDays()));
    command.add("--seed");
    command.add(Long.toString(data.seed()));
    command.add("--now");
    command.add(data.now().toString());
    for (int size : data.largeTraces()) {
      command.add("--large-trace");
      command.add(Integer.toString(size));
    }
    command.add("--es");
    command.add(elasticsearch.toString());
    command.add("--progress");
    command.add("30");
    long started = System.nanoTime();
    ChildProcess loader =
        ChildProcess.start("loader", command, Map.of("SPAN_STORAGE_TYPE", "elasticsearch"), log);
    int status = loader.waitFor(Duration.ofHours(2));
    if (status != 0) {
      throw new IOException("the loader exited with status " + status + ChildProcess.tail(log));
    }
    Console.info(
        "loaded %,d spans + large traces %s into %s in %.0f s",
        data.spans(), data.largeTraces(), elasticsearch, (System.nanoTime() - started) / 1e9);
  }
}
