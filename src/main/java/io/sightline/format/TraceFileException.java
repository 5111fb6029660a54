package io.sightline.format;

/**
 * A trace file (Jaeger UI JSON, Jaeger model JSON, OTLP/JSON) that cannot be read. The message
 * names where (line and column, both counted from 1) and what was wrong, e.g. {@code line 12,
 * column 20: vType 'INT' is not one of STRING, BOOL, INT64, FLOAT64, BINARY}.
 */
public class TraceFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int line;
  private final int column;
  private final String problem;

  public TraceFileException(int line, int column, String problem) {
    this(line, column, problem, null);
  }

  public TraceFileException(int line, int column, String problem, Throwable cause) {
    super("line " + line + ", column " + column + ": " + problem, cause);
    this.line = line;
    this.column = column;
    this.problem = problem;
  }

  /** The line of the offending token, from 1 ({@code -1} when unknown). */
  public int line() {
    return line;
  }

  /** The column of the offending token, from 1 ({@code -1} when unknown). */
  public int column() {
    return column;
  }

  /** What was wrong, without the position. */
  public String problem() {
    return problem;
  }
}
