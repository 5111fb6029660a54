package io.sightline.web.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * What the trace page's MockMvc tests share: the test store holding {@link
 * TracePageControllerTest#shop()}, and {@link #page(String)}. Subclasses are {@code
 * WebMvcTest(controllers = TracePageController.class)} with {@code
 * Import(TracePageControllerTest.Store.class)}.
 */
abstract class ShopTracePageTest {

  static final String ID = TracePageControllerTest.ID;

  @Autowired MockMvcTester mvc;
  @Autowired TestSpanReader store;

  @BeforeEach
  void fill() {
    store.clear();
    store.put(TracePageControllerTest.shop());
  }

  /** The shop trace's page with this query ({@code ?view=…}), asserted 200. */
  String page(String query) throws Exception {
    MvcTestResult result = mvc.get().uri("/trace/" + ID + query).exchange();
    assertThat(result).hasStatusOk();
    return result.getResponse().getContentAsString();
  }
}
