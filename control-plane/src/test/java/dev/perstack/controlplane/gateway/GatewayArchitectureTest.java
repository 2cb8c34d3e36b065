package dev.perstack.controlplane.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gateway stays plain Java, and provider libraries stay behind its small public API. */
class GatewayArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.perstack");
  }

  @Test
  void theGatewayIsFreeOfQuarkus() {
    noClasses()
        .that()
        .resideInAPackage("dev.perstack.controlplane.gateway..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.quarkus..", "jakarta..", "io.smallrye..")
        .check(classes);
  }

  @Test
  void thePublicApiDoesNotExposeProviderLibraries() {
    noClasses()
        .that()
        .resideInAPackage("dev.perstack.controlplane.gateway")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.langchain4j..", "software.amazon..", "com.google.auth..")
        .check(classes);
  }

  @Test
  void gatewayInternalsAreUsedOnlyByTheGateway() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.perstack.controlplane.gateway..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.perstack.controlplane.gateway.internal..",
            "dev.perstack.controlplane.gateway.langchain4j..",
            "dev.perstack.controlplane.gateway.bedrock..")
        .check(classes);
  }
}
