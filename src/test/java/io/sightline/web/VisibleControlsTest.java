package io.sightline.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.testing.RawHttp;
import io.sightline.trace.KeyValue;
import io.sightline.trace.Span;
import io.sightline.trace.SpanId;
import io.sightline.trace.SpanWriter;
import io.sightline.trace.TraceId;
import io.sightline.trace.TracedProcess;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Control characters from span data are shown visibly on the pages, never raw. */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "management.server.port=0",
      "sightline.demo.enabled=false",
      "SIGHTLINE_DEMO=false"
    })
class VisibleControlsTest {

  @LocalServerPort int port;
  @Autowired SpanWriter store;

  @Test
  void nulEscC1AndBidiOverridesAreShownAsSymbols() throws Exception {
    TraceId trace = new TraceId(0, 0xc7c7);
    long now = System.currentTimeMillis() * 1000;
    store.writeSpans(
        List.of(
            new Span(
                trace,
                new SpanId(1),
                "op\u0000name",
                List.of(),
                1,
                now - 1_000_000,
                10,
                List.of(KeyValue.string("note", "a\u001b[31mred\u0085b\u202etxt.exe")),
                List.of(),
                new TracedProcess("ctl-service", List.of()),
                List.of())));
    store.flush();
    String page = RawHttp.get(port, "/trace/" + trace + "/span/1?fragment=true").body();
    assertThat(page)
        .contains("<span class=\"ctl\" title=\"U+001B\">\u241b</span>[31mred")
        .contains("<span class=\"ctl\" title=\"U+0085\">\\u0085</span>b")
        .contains("<span class=\"ctl\" title=\"U+202E\">\\u202e</span>txt.exe")
        .contains("op<span class=\"ctl\" title=\"U+0000\">\u2400</span>name");
    for (char c : new char[] {0, 0x1b, 0x85, 0x202e}) {
      assertThat(page).doesNotContain(String.valueOf(c));
    }
  }
}
