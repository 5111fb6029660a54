package io.sightline.web.dependencies;

import io.sightline.trace.DependencyLink;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Service graphs for the layout tests and the browser tests. */
public final class ServiceGraphs {

  private ServiceGraphs() {}

  /**
   * The links of a microservice architecture of {@code n} services in five tiers (edge, BFF,
   * domain, platform, data stores), each service calling 1–4 services of the next one or two tiers,
   * a few calling back up (cycles) and a few calling themselves.
   */
  public static List<DependencyLink> tieredLinks(int n, long seed) {
    Random random = new Random(seed);
    String[][] words = {
      {"gateway", "edge", "ingress"},
      {"web-bff", "mobile-bff", "partner-api", "admin-api"},
      {
        "orders", "payments", "catalog", "search", "users", "cart", "pricing", "reviews", "shipping"
      },
      {"auth", "notifications", "audit", "feature-flags", "rate-limiter", "geo"},
      {"postgres", "redis", "kafka", "elasticsearch", "s3"}
    };
    double[] share = {0.05, 0.12, 0.45, 0.23, 0.15};
    List<List<String>> tiers = new ArrayList<>();
    int made = 0;
    for (int t = 0; t < 5; t++) {
      int count = t == 4 ? n - made : Math.max(1, (int) Math.round(n * share[t]));
      List<String> tier = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        tier.add(words[t][i % words[t].length] + "-" + (i / words[t].length + 1));
      }
      made += count;
      tiers.add(tier);
    }
    Set<DependencyLink> links = new LinkedHashSet<>();
    for (int t = 0; t < 4; t++) {
      for (String caller : tiers.get(t)) {
        int calls = 1 + random.nextInt(4);
        for (int c = 0; c < calls; c++) {
          int target = Math.min(4, t + 1 + (random.nextInt(4) == 0 ? 1 : 0));
          List<String> tier = tiers.get(target);
          String callee = tier.get(random.nextInt(tier.size()));
          links.add(new DependencyLink(caller, callee, 1 + random.nextInt(5_000)));
        }
      }
    }
    // every service is called by someone
    for (int t = 1; t < 5; t++) {
      for (String callee : tiers.get(t)) {
        List<String> up = tiers.get(t - 1);
        links.add(
            new DependencyLink(up.get(random.nextInt(up.size())), callee, 1 + random.nextInt(900)));
      }
    }
    List<String> domain = tiers.get(2);
    for (int i = 0; i < 3; i++) {
      String a = domain.get(random.nextInt(domain.size()));
      String b = tiers.get(3).get(random.nextInt(tiers.get(3).size()));
      links.add(new DependencyLink(b, a, 1 + random.nextInt(50))); // a callback: a cycle
      links.add(new DependencyLink(a, a, 1 + random.nextInt(50))); // calls itself
    }
    return List.copyOf(links);
  }

  static ServiceGraph tiered(int n, long seed) {
    return ServiceGraph.of(tieredLinks(n, seed));
  }
}
