package dev.rota.routing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * "Why did this go to her?" is answered by plain Java: the routing core depends on nothing but
 * the JDK. When adapters (repository, controller) join this package, exclude them here by name.
 */
class RoutingCoreIsPlainJavaTest {

    @Test
    void the_routing_core_imports_only_java() {
        var core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.rota.routing");

        classes().that().resideInAPackage("dev.rota.routing")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.rota.routing")
                .check(core);
    }
}
