package io.sightline;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/ARCHITECTURE.md: one-way flow with no cycle between any two packages,
 * the layers in their order, and each Jackson generation in its place.
 */
class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.sightline");
  }

  /**
   * Every package is its own slice: no two packages may depend on each other, however indirectly.
   */
  @Test
  void noPackageCycles() {
    slices().matching("io.sightline.(**)").should().beFreeOfCycles().check(classes);
  }

  /**
   * The request flow, top to bottom: composition roots wire transports, transports (with the shared
   * HTTP pieces and the file formats) call the domain, the storage implements the domain's ports.
   * Go-compatible text helpers and named daemon threads may be used by every layer and use none.
   */
  @Test
  void layersFlowOneWay() {
    layeredArchitecture()
        .consideringOnlyDependenciesInAnyPackage("io.sightline..")
        .layer("Composition")
        .definedBy(
            "io.sightline",
            "io.sightline.config..",
            "io.sightline.demo..",
            "io.sightline.load..",
            "io.sightline.dependencies..")
        .layer("Transport")
        .definedBy(
            "io.sightline.api..",
            "io.sightline.web..",
            "io.sightline.admin..",
            "io.sightline.ingest..",
            "io.sightline.grpc..")
        .layer("Http")
        .definedBy("io.sightline.http..")
        .layer("Format")
        .definedBy("io.sightline.format..")
        .layer("Domain")
        .definedBy("io.sightline.trace..")
        .layer("Storage")
        .definedBy("io.sightline.storage..")
        .layer("Shared")
        .definedBy("io.sightline.gotext..", "io.sightline.threads..", "io.sightline.tls..")
        .whereLayer("Composition")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("Transport")
        .mayOnlyBeAccessedByLayers("Composition")
        .whereLayer("Http")
        .mayOnlyBeAccessedByLayers("Composition", "Transport")
        .whereLayer("Format")
        .mayOnlyBeAccessedByLayers("Composition", "Transport")
        .whereLayer("Domain")
        .mayOnlyBeAccessedByLayers("Composition", "Transport", "Http", "Format", "Storage")
        .whereLayer("Storage")
        .mayOnlyBeAccessedByLayers("Composition")
        .whereLayer("Shared")
        .mayOnlyBeAccessedByLayers(
            "Composition", "Transport", "Http", "Format", "Domain", "Storage")
        .check(classes);
  }

  @Test
  void transportKnowsNothingOfElasticsearch() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAnyPackage("io.sightline.api..", "io.sightline.web..", "io.sightline.grpc..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.sightline.storage..")
            .because("nothing in api/, web/ or grpc/ knows Elasticsearch exists");
    rule.check(classes);
  }

  @Test
  void storageKnowsNothingOfHttpServing() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAnyPackage("io.sightline.storage..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "io.sightline.api..",
                "io.sightline.web..",
                "org.springframework.web..",
                "org.springframework.http..",
                "jakarta.servlet..")
            .because("nothing in storage/ knows HTTP exists");
    rule.check(classes);
  }

  @Test
  void domainAndQueryDependOnNoOuterLayer() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAnyPackage("io.sightline.trace..", "io.sightline.query..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "io.sightline.storage..",
                "io.sightline.api..",
                "io.sightline.web..",
                "io.sightline.demo..",
                "org.springframework.web..",
                "jakarta.servlet..");
    rule.check(classes);
  }

  @Test
  void elasticsearchInternalsStayInside() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.sightline.storage.elasticsearch..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.sightline.storage.elasticsearch.client..",
            "io.sightline.storage.elasticsearch.index..",
            "io.sightline.storage.elasticsearch.read..",
            "io.sightline.storage.elasticsearch.write..",
            "io.sightline.storage.elasticsearch.document..",
            "io.sightline.storage.elasticsearch.dsl..")
        .because("storage.elasticsearch exposes its storage and settings; the rest is internal")
        .check(classes);
  }

  @Test
  void storesAreIndependentOfEachOther() {
    noClasses()
        .that()
        .resideInAnyPackage("io.sightline.storage.memory..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.sightline.storage.elasticsearch..")
        .check(classes);
    noClasses()
        .that()
        .resideInAnyPackage("io.sightline.storage.elasticsearch..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.sightline.storage.memory..")
        .check(classes);
  }

  @Test
  void formatsAreFreeOfTransportAndStorage() {
    noClasses()
        .that()
        .resideInAnyPackage("io.sightline.format..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.sightline.api..",
            "io.sightline.web..",
            "io.sightline.admin..",
            "io.sightline.storage..",
            "org.springframework..",
            "jakarta.servlet..")
        .because("file formats are plain translations between JSON and the domain")
        .check(classes);
  }

  @Test
  void adminPortKnowsNothingOfElasticsearch() {
    noClasses()
        .that()
        .resideInAnyPackage("io.sightline.admin..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.sightline.storage..")
        .because("the admin port checks the store through the StorageHealth port only")
        .check(classes);
  }

  @Test
  void jackson2StaysInTheElasticsearchStorage() {
    ArchRule rule =
        noClasses()
            .that()
            .resideOutsideOfPackage("io.sightline.storage.elasticsearch..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("com.fasterxml.jackson.core..", "com.fasterxml.jackson.databind..")
            .because(
                "Elasticsearch documents use Jackson 2; everything else uses Boot's Jackson 3"
                    + " (tools.jackson)");
    rule.check(classes);
  }

  @Test
  void jackson3StaysOutOfTheElasticsearchStorage() {
    noClasses()
        .that()
        .resideInAnyPackage("io.sightline.storage.elasticsearch..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("tools.jackson..")
        .check(classes);
  }
}
