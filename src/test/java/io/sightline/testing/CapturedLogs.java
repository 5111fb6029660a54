package io.sightline.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Every log event of the application while open (attached to the root logger). */
public final class CapturedLogs extends AppenderBase<ILoggingEvent> implements AutoCloseable {

  private final List<ILoggingEvent> events = new ArrayList<>();

  /** Starts capturing. */
  public static CapturedLogs capture() {
    CapturedLogs logs = new CapturedLogs();
    logs.start();
    root().addAppender(logs);
    return logs;
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  @Override
  protected synchronized void append(ILoggingEvent event) {
    events.add(event);
  }

  /** Events at or above the level, as {@code LEVEL logger: message}. */
  public synchronized List<String> atLeast(Level level) {
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent e : events) {
      if (e.getLevel().isGreaterOrEqual(level)) {
        lines.add(e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage());
      }
    }
    return lines;
  }

  /** Forgets what was captured so far. */
  public synchronized void clear() {
    events.clear();
  }

  @Override
  public void close() {
    root().detachAppender(this);
    stop();
  }
}
