package io.sightline.web;

import io.sightline.trace.TraceId;

/** No trace with this ID in storage (nor in the archive): the pages answer 404. */
public class TraceNotFoundException extends NotFoundException {

  private static final long serialVersionUID = 1L;

  public TraceNotFoundException(TraceId traceId) {
    super(
        "No trace with ID "
            + traceId
            + " was found. It may have expired from storage, or not have been written yet.");
  }
}
