package io.sightline;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of docs/DESIGN: one-way flow, and each Jackson generation in its place. */
class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.sightline");
  }

  @Test
  void transportKnowsNothingOfElasticsearch() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAnyPackage("io.sightline.api..", "io.sightline.web..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.sightline.storage..")
            .because("nothing in api/ or web/ knows Elasticsearch exists");
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
