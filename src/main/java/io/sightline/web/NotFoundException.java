package io.sightline.web;

/** What a page shows does not exist: the pages answer 404 with this message. */
public class NotFoundException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message the message for people
   */
  public NotFoundException(String message) {
    super(message);
  }
}
