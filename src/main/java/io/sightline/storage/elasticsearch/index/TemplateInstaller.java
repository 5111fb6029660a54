package io.sightline.storage.elasticsearch.index;

import io.sightline.storage.elasticsearch.client.EsClient;
import io.sightline.storage.elasticsearch.client.ServerInfo;
import io.sightline.storage.elasticsearch.index.IndexTemplates.Template;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the index templates once, before the first write, for the server family the client talks
 * to ({@code ES_CREATE_INDEX_TEMPLATES}). A failure is retried on the next write.
 */
public final class TemplateInstaller {

  private static final Logger log = LoggerFactory.getLogger(TemplateInstaller.class);

  private final EsClient client;
  private final IndexTemplates templates;
  private final boolean enabled;
  private volatile boolean installed;

  public TemplateInstaller(EsClient client, IndexTemplates templates, boolean enabled) {
    this.client = client;
    this.templates = templates;
    this.enabled = enabled;
  }

  public void ensureInstalled() {
    if (!enabled || installed) {
      return;
    }
    synchronized (this) {
      if (installed) {
        return;
      }
      ServerInfo info = client.serverInfo();
      for (Template template :
          templates.templates(info.usesComposableTemplates(), info.isOpenSearch())) {
        if (template.composable()) {
          client.putIndexTemplate(template.name(), template.body());
        } else {
          client.putTemplate(template.name(), template.body());
        }
      }
      log.info("Installed Jaeger's index templates on {}", info.description());
      installed = true;
    }
  }
}
