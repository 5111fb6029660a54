package io.sightline.web;

import java.util.Set;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IPostProcessorDialect;
import org.thymeleaf.engine.AbstractTemplateHandler;
import org.thymeleaf.model.IAttribute;
import org.thymeleaf.model.IModelFactory;
import org.thymeleaf.model.IOpenElementTag;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.model.IStandaloneElementTag;
import org.thymeleaf.model.IText;
import org.thymeleaf.postprocessor.IPostProcessor;
import org.thymeleaf.postprocessor.PostProcessor;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * Control characters from span data never reach a page raw: in text, each NUL, ESC, other C0 and C1
 * control, DEL and bidirectional override (U+202E…) is shown as a styled {@code <span class="ctl">}
 * — {@code ␀}, {@code ␛} for C0, a backslash-u escape for the others — with its code point as the
 * title; in attribute values it becomes the backslash-u escape text. Tab, line feed and carriage
 * return stay. A Thymeleaf post-processor, so every page and fragment gets it, whatever the
 * template.
 */
final class VisibleControls extends AbstractDialect implements IPostProcessorDialect {

  VisibleControls() {
    super("Sightline visible control characters");
  }

  @Override
  public int getDialectPostProcessorPrecedence() {
    return 1000;
  }

  @Override
  public Set<IPostProcessor> getPostProcessors() {
    return Set.of(new PostProcessor(TemplateMode.HTML, Handler.class, 1000));
  }

  /** Whether the character must not be shown raw. */
  static boolean isControl(char c) {
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
        || (c >= 0x7f && c <= 0x9f)
        || (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069)
        || c == 0x200e
        || c == 0x200f
        || c == 0x061c;
  }

  /** The visible stand-in: a Control Pictures symbol for C0 and DEL, else a backslash-u escape. */
  static String symbol(char c) {
    if (c < 0x20) {
      return String.valueOf((char) (0x2400 + c));
    }
    if (c == 0x7f) {
      return "\u2421";
    }
    return escape(c);
  }

  static String escape(char c) {
    return String.format("\\u%04x", (int) c);
  }

  private static boolean hasControl(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (isControl(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** Escapes control characters in an attribute value. */
  static String escapeAll(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(isControl(c) ? escape(c) : String.valueOf(c));
    }
    return out.toString();
  }

  /** Rewrites text and attribute events that carry control characters. */
  public static final class Handler extends AbstractTemplateHandler {

    @Override
    public void handleText(IText text) {
      String value = text.getText();
      if (!hasControl(value)) {
        super.handleText(text);
        return;
      }
      IModelFactory factory = getContext().getModelFactory();
      int start = 0;
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (!isControl(c)) {
          continue;
        }
        if (i > start) {
          super.handleText(factory.createText(value.substring(start, i)));
        }
        IOpenElementTag open =
            factory.setAttribute(
                factory.createOpenElementTag("span", "class", "ctl"),
                "title",
                String.format("U+%04X", (int) c));
        super.handleOpenElement(open);
        super.handleText(factory.createText(symbol(c)));
        super.handleCloseElement(factory.createCloseElementTag("span"));
        start = i + 1;
      }
      if (start < value.length()) {
        super.handleText(factory.createText(value.substring(start)));
      }
    }

    @Override
    public void handleOpenElement(IOpenElementTag tag) {
      super.handleOpenElement(withVisibleAttributes(tag));
    }

    @Override
    public void handleStandaloneElement(IStandaloneElementTag tag) {
      super.handleStandaloneElement(withVisibleAttributes(tag));
    }

    private <T extends IProcessableElementTag> T withVisibleAttributes(T tag) {
      T result = tag;
      for (IAttribute attribute : tag.getAllAttributes()) {
        String value = attribute.getValue();
        if (value != null && hasControl(value)) {
          result =
              getContext()
                  .getModelFactory()
                  .setAttribute(result, attribute.getAttributeCompleteName(), escapeAll(value));
        }
      }
      return result;
    }
  }
}
