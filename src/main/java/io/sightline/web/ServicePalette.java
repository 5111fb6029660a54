package io.sightline.web;

/**
 * Service colours, shared by every page: a fixed palette of {@value #SLOTS} slots. Within a trace,
 * service {@code i} (in order of first appearance) takes slot {@code i % SLOTS}, as Jaeger UI
 * assigns its colours. The colours are CSS custom properties {@code --svc-0 … --svc-19} in {@code
 * static/css/tokens.css}, with a light and a dark variant; markup uses the classes {@code svc-N}
 * (which set {@code --svc} for the element and its children), canvas code reads the properties.
 *
 * <p>Pages that list services outside one trace (the search page) can use {@link #slotOf(String)}
 * so that a service keeps its colour across results.
 */
public final class ServicePalette {

  public static final int SLOTS = 20;

  private ServicePalette() {}

  /** The slot of the {@code index}-th service of a trace. */
  public static int slot(int index) {
    return Math.floorMod(index, SLOTS);
  }

  /** A stable slot for a service name, independent of any trace. */
  public static int slotOf(String serviceName) {
    return Math.floorMod(serviceName.hashCode(), SLOTS);
  }
}
