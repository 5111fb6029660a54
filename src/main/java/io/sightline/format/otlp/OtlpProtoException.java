package io.sightline.format.otlp;

/** OTLP protobuf that parses but breaks OTLP's rules (an ID of the wrong length); says where. */
public class OtlpProtoException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public OtlpProtoException(String problem) {
    super(problem);
  }
}
