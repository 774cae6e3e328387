package io.aura.examples;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * House rules checked on the bytecode of every library module (this module's test class path holds
 * them all): no Java serialization, no printing from library code, and the module boundaries:
 * features ← io, models, forecast ← ensemble; simulator on io; rightsizing on features and
 * forecast; eval (evaluation programs' code) above them all; no library module depends on the
 * simulator, eval, examples or benchmarks, nor on Spark, Flink or Smile (GPL-3).
 */
class ArchitectureTest {
  /** The core modules a service embeds. */
  private static final String[] CORE = {
    "io.aura.features..",
    "io.aura.io..",
    "io.aura.models..",
    "io.aura.forecast..",
    "io.aura.ensemble.."
  };

  /**
   * Each module's package and the Aura packages it may use besides its own, i.e. its POM's Aura
   * dependencies. A module whose classes are not on this class path yet has nothing to break.
   */
  private static final Map<String, String[]> ALLOWED = new LinkedHashMap<>();

  static {
    ALLOWED.put("io.aura.features..", new String[] {});
    ALLOWED.put("io.aura.io..", new String[] {"io.aura.features.."});
    ALLOWED.put("io.aura.models..", new String[] {"io.aura.features.."});
    ALLOWED.put("io.aura.forecast..", new String[] {"io.aura.features.."});
    ALLOWED.put(
        "io.aura.ensemble..",
        new String[] {
          "io.aura.features..", "io.aura.io..", "io.aura.models..", "io.aura.forecast.."
        });
    ALLOWED.put("io.aura.simulator..", new String[] {"io.aura.features..", "io.aura.io.."});
    ALLOWED.put("io.aura.rightsizing..", new String[] {"io.aura.features..", "io.aura.forecast.."});
    ALLOWED.put(
        "io.aura.eval..",
        new String[] {
          "io.aura.features..",
          "io.aura.io..",
          "io.aura.models..",
          "io.aura.forecast..",
          "io.aura.ensemble..",
          "io.aura.simulator..",
          "io.aura.rightsizing.."
        });
  }

  private static JavaClasses library;

  @BeforeAll
  static void importLibrary() {
    library =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(
                location ->
                    !location.contains("/io/aura/examples/")
                        && !location.contains("/io/aura/bench/"))
            // Test-jars (aura-io's carries the real-Prometheus extension) are test code, not
            // library code.
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
    noClasses()
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.io.ObjectInputStream")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.io.ObjectOutputStream")
        .because("model files use Aura's versioned, checksummed format, never Java serialization")
        .check(library);
  }

  @Test
  void libraryCodeDoesNotPrint() {
    noClasses()
        .should()
        .accessField(System.class, "out")
        .orShould()
        .accessField(System.class, "err")
        .because("library code logs through SLF4J; printing belongs to examples and benchmarks")
        .check(library);
  }

  @Test
  void dependenciesPointDownwards() {
    ALLOWED.forEach(
        (module, uses) -> {
          String[] own =
              java.util.stream.Stream.concat(
                      java.util.stream.Stream.of(module), java.util.Arrays.stream(uses))
                  .toArray(String[]::new);
          classes()
              .that()
              .resideInAPackage(module)
              .should()
              .onlyDependOnClassesThat(
                  resideOutsideOfPackage("io.aura..").or(resideInAnyPackage(own)))
              .because(
                  "a module uses only the Aura modules its POM names; dependencies never point upwards")
              // allowEmptyShould: a module that has no classes on this class path yet has nothing
              // to break.
              .allowEmptyShould(true)
              .check(library);
        });
  }

  @Test
  void everyAuraPackageBelongsToAModule() {
    classes()
        .should()
        .resideInAnyPackage(ALLOWED.keySet().toArray(String[]::new))
        .because("a new module needs its row in ALLOWED, or its boundaries go unchecked")
        .check(library);
  }

  @Test
  void coreModulesDependOnNoProgramsNorHeavyRuntimes() {
    noClasses()
        .that()
        .resideInAnyPackage(CORE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.aura.simulator..",
            "io.aura.eval..",
            "io.aura.rightsizing..",
            "io.aura.examples..",
            "io.aura.bench..")
        .because(
            "library jars keep what a service embeds: the simulator, corpora loaders, evaluation programs,"
                + " examples and benchmarks live in their own artifacts")
        .check(library);
    noClasses()
        .that()
        .resideInAnyPackage(CORE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.spark..", "org.apache.flink..")
        .because("a service embedding Aura must not pull in a cluster runtime")
        .check(library);
  }

  @Test
  void noLibraryCodeUsesSmile() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("smile..")
        .because(
            "Smile is GPL-3: a peer in tests and benchmarks only, never a runtime dependency of Aura")
        .check(library);
  }
}
