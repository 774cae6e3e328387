package io.aura.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * House rules checked on the bytecode of every library module (this module's test class path
 * holds them all): no Java serialization, no printing from library code, and the module
 * dependency direction features ← io, models, forecast ← ensemble.
 */
class ArchitectureTest {
  private static JavaClasses library;

  @BeforeAll
  static void importLibrary() {
    library = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(location -> !location.contains("/io/aura/examples/") && !location.contains("/io/aura/bench/"))
        // Test-jars (aura-io's carries the real-Prometheus extension) are test code, not library code.
        .withImportOption(location -> !location.contains("-tests.jar"))
        .importPackages("io.aura");
  }

  @Test
  void libraryJarsAreNotEmpty() {
    org.assertj.core.api.Assertions.assertThat(library.stream().map(c -> c.getPackageName()))
        .anyMatch(p -> p.startsWith("io.aura.features"));
  }

  @Test
  void noJavaSerialization() {
    noClasses().should().dependOnClassesThat().haveFullyQualifiedName("java.io.ObjectInputStream")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.ObjectOutputStream")
        .because("model files use Aura's versioned, checksummed format, never Java serialization")
        .check(library);
  }

  @Test
  void libraryCodeDoesNotPrint() {
    noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err")
        .because("library code logs through SLF4J; printing belongs to examples and benchmarks")
        .check(library);
  }

  @Test
  void dependenciesPointDownwards() {
    noClasses().that().resideInAPackage("io.aura.features..")
        .should().dependOnClassesThat().resideInAnyPackage("io.aura.io..", "io.aura.models..", "io.aura.forecast..", "io.aura.ensemble..")
        .check(library);
    for (String mid : new String[] {"io.aura.io..", "io.aura.models..", "io.aura.forecast.."}) {
      // allowEmptyShould: a module that has no classes yet has nothing to break.
      noClasses().that().resideInAPackage(mid).should().dependOnClassesThat().resideInAPackage("io.aura.ensemble..")
          .allowEmptyShould(true).check(library);
    }
  }

  @Test
  void rightsizingDependsOnFeaturesAndForecastOnly() {
    noClasses().that().resideInAPackage("io.aura.rightsizing..")
        .should().dependOnClassesThat().resideInAnyPackage("io.aura.io..", "io.aura.models..", "io.aura.ensemble..",
            "io.aura.eval..", "io.aura.simulator..")
        .check(library);
  }
}
