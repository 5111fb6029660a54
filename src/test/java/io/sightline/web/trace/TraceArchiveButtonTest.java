package io.sightline.web.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.sightline.testing.TestTraceStore;
import io.sightline.trace.ArchiveStorage;
import io.sightline.trace.SpanWriter;
import io.sightline.trace.StorageException;
import io.sightline.trace.TraceId;
import io.sightline.trace.TraceLookup;
import io.sightline.trace.TraceService;
import io.sightline.trace.adjust.Adjusters;
import io.sightline.web.WebUiProperties;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The trace page's Archive button, with an archive configured: a POST form that copies the trace
 * into the archive and comes back saying how many spans it archived; the archived trace then opens
 * from the archive once the trace store has lost it. (Without an archive: {@code
 * TracePageControllerTest}.)
 */
@WebMvcTest(controllers = TracePageController.class)
@Import(TraceArchiveButtonTest.Stores.class)
class TraceArchiveButtonTest extends ShopTracePageTest {

  static final long START = TestTraces.T0;
  static final long END = TestTraces.T0 + 1_000_000;

  @TestConfiguration
  @EnableConfigurationProperties(WebUiProperties.class)
  static class Stores {
    @Bean
    TestSpanReader testSpanReader() {
      return new TestSpanReader();
    }

    @Bean
    TestTraceStore archiveStore() {
      return new TestTraceStore();
    }

    /**
     * The real use cases over the test store, with a second store as the archive, whose writes fail
     * while {@link #archiveDown} is set.
     */
    @Bean
    TraceService traceService(TestSpanReader reader, TestTraceStore archive) {
      SpanWriter writer =
          spans -> {
            RuntimeException down = archiveDown;
            if (down != null) {
              throw down;
            }
            archive.writeSpans(spans);
          };
      return new TraceService(
          reader,
          query -> List.of(),
          new ArchiveStorage(archive, writer),
          Adjusters.standard(Duration.ZERO),
          Duration.ZERO);
    }
  }

  static volatile RuntimeException archiveDown;

  @Autowired TestTraceStore archive;

  /** After the shop trace is in the store ({@link ShopTracePageTest#fill()}). */
  @BeforeEach
  void emptyArchive() {
    archive.clear();
    archiveDown = null;
  }

  private int archivedSpans() {
    return archive.getTraces(List.of(TraceLookup.of(TraceId.parse(ID)))).stream()
        .mapToInt(t -> t.spans().size())
        .sum();
  }

  @Test
  void everyViewShowsAnArchiveFormCarryingThePagesTime() {
    for (String view : List.of("timeline", "statistics")) {
      MvcTestResult page =
          mvc.get().uri("/trace/{id}?view={v}&start={s}&end={e}", ID, view, START, END).exchange();
      assertThat(page)
          .hasStatusOk()
          .bodyText()
          .contains(
              "<form class=\"archive-form\" method=\"post\" action=\"/trace/" + ID + "/archive\">")
          .contains("<input type=\"hidden\" name=\"start\" value=\"" + START + "\">")
          .contains("<input type=\"hidden\" name=\"end\" value=\"" + END + "\">")
          .contains(">Archive</button>")
          .doesNotContain("archived:")
          .doesNotContain("From the archive");
    }
    // Without time hints the form sends none.
    assertThat(mvc.get().uri("/trace/{id}", ID).exchange())
        .bodyText()
        .contains("action=\"/trace/" + ID + "/archive\"")
        .doesNotContain("name=\"start\"");
  }

  @Test
  void theButtonArchivesTheTraceAndThePageSaysHowManySpans() {
    MvcTestResult posted =
        mvc.post()
            .uri("/trace/{id}/archive", ID)
            .param("start", Long.toString(START))
            .param("end", Long.toString(END))
            .exchange();
    assertThat(posted)
        .hasStatus(HttpStatus.FOUND)
        .hasRedirectedUrl("/trace/" + ID + "?start=" + START + "&end=" + END + "&archived=3");
    assertThat(archivedSpans()).isEqualTo(3);
    // The page's time hints reached storage.
    TraceLookup lookup = store.lookups.get(store.lookups.size() - 1);
    assertThat(lookup.start()).isNotNull();
    assertThat(lookup.end()).isNotNull();

    assertThat(mvc.get().uri("/trace/{id}?archived=3", ID).exchange())
        .hasStatusOk()
        .bodyText()
        .contains("role=\"status\">Trace " + ID + " archived: 3 spans</p>");
    assertThat(mvc.get().uri("/trace/{id}?archived=many", ID).exchange())
        .hasStatus(HttpStatus.BAD_REQUEST)
        .bodyText()
        .contains("archived");
  }

  @Test
  void anArchivedTraceOpensFromTheArchiveOnceTheStoreLostIt() {
    assertThat(mvc.post().uri("/trace/{id}/archive", ID).exchange()).hasStatus(HttpStatus.FOUND);
    store.clear(); // expired from the trace store
    assertThat(store.getTraces(List.of(TraceLookup.of(TraceId.parse(ID))))).isEmpty();

    MvcTestResult page = mvc.get().uri("/trace/{id}", ID).exchange();
    assertThat(page)
        .hasStatusOk()
        .bodyText()
        .contains("<dt>Total Spans</dt><dd>3</dd>")
        .contains(">From the archive</span>")
        .contains("class=\"root-service\">frontend</span>")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        .doesNotContain(TracePageControllerTest.EVIL);
  }

  @Test
  void aTraceInNeitherStoreIsA404Page() {
    store.clear();
    MvcTestResult posted = mvc.post().uri("/trace/{id}/archive", ID).exchange();
    assertThat(posted).hasStatus(HttpStatus.NOT_FOUND);
    assertThat(posted).bodyText().contains("No trace with ID " + ID + " was found");
    assertThat(archivedSpans()).isZero();
  }

  @Test
  void anArchiveThatIsDownIsThe503PageWithoutStackTrace() {
    archiveDown =
        new StorageException(StorageException.Kind.UNAVAILABLE, "connection refused: archive:9200");
    TracePageControllerTest.assertStorageUnavailablePage(
        mvc.post().uri("/trace/{id}/archive", ID).exchange(), "connection refused: archive:9200");
    assertThat(archivedSpans()).isZero();
  }

  @Test
  void theArchiveIsPostOnly() {
    assertThat(mvc.get().uri("/trace/{id}/archive", ID).exchange())
        .hasStatus(HttpStatus.METHOD_NOT_ALLOWED);
    assertThat(archivedSpans()).isZero();
  }
}
