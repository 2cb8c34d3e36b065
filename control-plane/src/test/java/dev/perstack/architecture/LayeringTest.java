package dev.perstack.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Keeps the module layering of DESIGN.md: which part may depend on which. */
class LayeringTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importProductionClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.perstack");
  }

  @Nested
  class Lockfile {
    @Test
    void dependsOnNoOtherModule() {
      noClasses()
          .that()
          .resideInAPackage("dev.perstack.lockfile..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.perstack.protocol..",
              "dev.perstack.agent..",
              "dev.perstack.image..",
              "dev.perstack.controlplane..",
              "dev.perstack.cli..")
          .check(classes);
    }
  }

  @Nested
  class Protocol {
    @Test
    void dependsOnNoOtherModule() {
      noClasses()
          .that()
          .resideInAPackage("dev.perstack.protocol..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.perstack.lockfile..",
              "dev.perstack.agent..",
              "dev.perstack.image..",
              "dev.perstack.controlplane..",
              "dev.perstack.cli..")
          .check(classes);
    }
  }

  @Nested
  class SandboxAgent {
    @Test
    void dependsOnlyOnTheProtocol() {
      noClasses()
          .that()
          .resideInAPackage("dev.perstack.agent..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.perstack.lockfile..",
              "dev.perstack.image..",
              "dev.perstack.controlplane..",
              "dev.perstack.cli..")
          .check(classes);
    }

    @Test
    void neverSeesAProviderSdk() {
      noClasses()
          .that()
          .resideInAPackage("dev.perstack.agent..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.langchain4j..",
              "com.openai..",
              "com.anthropic..",
              "com.google.genai..",
              "software.amazon..")
          .check(classes);
    }
  }

  @Nested
  class SandboxImage {
    @Test
    void dependsOnNoOtherModule() {
      noClasses()
          .that()
          .resideInAPackage("dev.perstack.image..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.perstack.lockfile..",
              "dev.perstack.protocol..",
              "dev.perstack.agent..",
              "dev.perstack.controlplane..",
              "dev.perstack.cli..")
          .check(classes);
    }
  }

  @Nested
  class Internals {
    @Test
    void areUsedOnlyInsideTheirOwnModule() {
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.perstack.lockfile..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.perstack.lockfile..internal..")
          .check(classes);
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.perstack.protocol..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.perstack.protocol..internal..")
          .check(classes);
    }
  }
}
