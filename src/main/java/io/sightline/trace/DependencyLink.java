package io.sightline.trace;

import java.util.Objects;

/**
 * Calls from one service to another, as the daily dependencies job counts them.
 *
 * @param parent the calling service
 * @param child the called service
 * @param callCount how many calls
 */
public record DependencyLink(String parent, String child, long callCount) {

  public DependencyLink {
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(child, "child");
  }
}
