package dev.rota.calendar;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class CalendarArchitectureTest {

    @Test
    void the_calendar_core_uses_no_spring_and_no_jdbc() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.rota.calendar");
        noClasses().that().resideInAPackage("dev.rota.calendar")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..",
                "javax.sql..").check(classes);
    }

    @Test
    void only_the_safe_client_talks_http() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.rota.calendar");
        noClasses().that().doNotHaveSimpleName("SafeHttpClient").and().doNotHaveSimpleName("CheckingResolver")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.hc..", "java.net.http..")
                .check(classes);
    }
}
