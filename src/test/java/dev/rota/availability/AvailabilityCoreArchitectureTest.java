package dev.rota.availability;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AvailabilityCoreArchitectureTest {

    @Test
    void the_availability_core_imports_only_the_jdk() {
        JavaClasses core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.rota.availability");
        classes().that().resideInAPackage("dev.rota.availability")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.rota.availability", "java..")
                .check(core);
    }
}
