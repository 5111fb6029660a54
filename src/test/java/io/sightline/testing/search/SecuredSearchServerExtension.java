package io.sightline.testing.search;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

/** Resolves {@link SecuredSearchServer} parameters from the run's registry of servers. */
final class SecuredSearchServerExtension implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SecuredSearchServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    SearchServers registry = SearchServerExtension.registry(context);
    boolean mutual = parameter.isAnnotated(SecuredSearchServerTest.MutualTls.class);
    return registry
        .secured(mutual)
        .orElseThrow(
            () ->
                new TestAbortedException(
                    "no Elasticsearch 8 or later among the selected servers ("
                        + registry.settings().servers()
                        + (registry.settings().externalUrl() == null
                            ? ""
                            : "; SIGHTLINE_TEST_ES_URL is set")
                        + "): secured-server tests skipped"));
  }
}
