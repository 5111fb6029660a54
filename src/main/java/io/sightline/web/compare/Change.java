package io.sightline.web.compare;

/** How a node's span count changed from A to B. */
enum Change {
  SAME("same", "same in both"),
  ADDED("added", "only in B"),
  REMOVED("removed", "only in A"),
  MORE("more", "more in B"),
  LESS("less", "fewer in B");

  private final String css;
  private final String label;

  Change(String css, String label) {
    this.css = css;
    this.label = label;
  }

  public String css() {
    return css;
  }

  public String label() {
    return label;
  }

  static Change of(int a, int b) {
    if (a == b) {
      return SAME;
    }
    if (a == 0) {
      return ADDED;
    }
    if (b == 0) {
      return REMOVED;
    }
    return b > a ? MORE : LESS;
  }
}
